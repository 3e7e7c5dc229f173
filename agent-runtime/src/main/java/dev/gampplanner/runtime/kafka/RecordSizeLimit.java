package dev.gampplanner.runtime.kafka;

import java.util.Optional;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

import dev.gampplanner.runtime.topics.AuditSettings;

/**
 * Whether a record value can be written at all, decided before it is sent.
 *
 * <p>Two limits apply. The producer refuses a record whose uncompressed size exceeds {@code max.request.size}
 * ({@link #PRODUCER_LIMIT}); the broker refuses a batch whose compressed size exceeds the topic's
 * {@code max.message.bytes} ({@link #BROKER_LIMIT}). A failed send inside an exactly-once transaction poisons the
 * transaction, and retrying it fails the same way, so a service that answers with a record must know beforehand that
 * the record fits, and answer with a smaller record (a FAILED result, a FAILED plan) when it does not.
 *
 * <p>The compressed size is estimated with the LZ4 codec the producers use, in the 64 KiB independent blocks of
 * Kafka's LZ4 framing, and only for the rare record that is larger than the broker limit uncompressed.
 */
public final class RecordSizeLimit {

    /** Largest compressed batch the broker takes on a plan topic. */
    public static final int BROKER_LIMIT = AuditSettings.MAX_MESSAGE_BYTES;
    /** Largest uncompressed record the producers send ({@code max.request.size}). */
    public static final int PRODUCER_LIMIT = 4 * BROKER_LIMIT;
    /** Room for the key, the headers, batch framing and the estimate's error. */
    private static final int HEADROOM = 256 * 1024;
    private static final int LZ4_BLOCK = 64 * 1024;
    private static final int LZ4_BLOCK_FRAMING = 4;
    private static final LZ4Compressor LZ4 = LZ4Factory.fastestInstance().fastCompressor();

    private RecordSizeLimit() {
    }

    /** Why a record with this value cannot be written, or empty when it can. */
    public static Optional<String> problem(byte[] value) {
        if (value.length <= BROKER_LIMIT - HEADROOM) {
            return Optional.empty();
        }
        if (value.length > PRODUCER_LIMIT - HEADROOM) {
            return Optional.of("the record has " + value.length + " bytes, more than the " + (PRODUCER_LIMIT - HEADROOM)
                + " a producer sends");
        }
        long compressed = lz4Size(value);
        if (compressed > BROKER_LIMIT - HEADROOM) {
            return Optional.of("the record has " + value.length + " bytes (about " + compressed + " compressed), more than the "
                + (BROKER_LIMIT - HEADROOM) + " a topic takes");
        }
        return Optional.empty();
    }

    private static long lz4Size(byte[] value) {
        byte[] block = new byte[LZ4.maxCompressedLength(LZ4_BLOCK)];
        long total = 0;
        for (int offset = 0; offset < value.length; offset += LZ4_BLOCK) {
            int length = Math.min(LZ4_BLOCK, value.length - offset);
            total += Math.min(length, LZ4.compress(value, offset, length, block, 0, block.length)) + LZ4_BLOCK_FRAMING;
        }
        return total;
    }
}
