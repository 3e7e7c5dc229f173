package dev.gampplanner.schema.codec;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * A record together with the exact bytes it travels as, and their SHA-256.
 *
 * <p>Digests in the audit chain are always taken over the bytes on the topic, never over a
 * re-encoding: a record written by an older schema version re-encodes differently.
 */
public final class Encoded<T extends SpecificRecord> {

    private final T record;
    private final byte[] bytes;
    private String sha256;

    private Encoded(T record, byte[] bytes) {
        this.record = Objects.requireNonNull(record, "record");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** Encodes {@code record} once; the bytes are what the serializer writes. */
    public static <T extends SpecificRecord> Encoded<T> of(T record) {
        return new Encoded<>(record, AvroCodec.encode(record));
    }

    /** Wraps a record decoded from {@code bytes}. */
    static <T extends SpecificRecord> Encoded<T> decoded(T record, byte[] bytes) {
        return new Encoded<>(record, bytes);
    }

    public T record() {
        return record;
    }

    /** The bytes as written; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    /** Lower-case hex SHA-256 of {@link #bytes()}. */
    public String sha256() {
        if (sha256 == null) {
            sha256 = Digests.sha256Hex(bytes);
        }
        return sha256;
    }

    @Override
    public String toString() {
        return record.getSchema().getName() + "@" + sha256().substring(0, 12);
    }
}
