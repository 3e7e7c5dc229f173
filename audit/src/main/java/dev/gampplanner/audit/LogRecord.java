package dev.gampplanner.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * One record of the audit log as an auditor sees it: where it is, when it was written, its key,
 * the SHA-256 of its value bytes, and the value decoded (or why it does not decode). The key and headers
 * are also kept as they were on the log, because a signature covers the key's bytes and travels in headers.
 */
public record LogRecord(String topic, int partition, long offset, Instant timestamp, String key, byte[] value,
                        String sha256, SpecificRecord record, String decodeError, Map<String, String> headers,
                        byte[] rawKey, Headers rawHeaders) {

    static LogRecord of(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers raw) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : raw) {
            // The signature is binary; it is shown as the signature check, not as text.
            if (header.key().startsWith("gamp.") && header.value() != null && !header.key().equals(RecordSignature.SIGNATURE_HEADER)) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        SpecificRecord decoded = null;
        String error = null;
        if (value == null) {
            error = "the record has no value";
        } else {
            try {
                decoded = AvroCodec.decodeAny(value);
            } catch (InvalidRecordException e) {
                error = e.reason() + ": " + e.getMessage();
            }
        }
        return new LogRecord(topic, partition, offset, Instant.ofEpochMilli(timestamp),
            key == null ? null : new String(key, StandardCharsets.UTF_8), value,
            value == null ? null : Digests.sha256Hex(value), decoded, error, Map.copyOf(headers), key,
            new RecordHeaders(raw.toArray()));
    }

    public <T extends SpecificRecord> Optional<T> as(Class<T> type) {
        return type.isInstance(record) ? Optional.of(type.cast(record)) : Optional.empty();
    }

    /** topic-partition@offset, as operators and auditors cite a record. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }

    public String shortSha() {
        return sha256 == null ? "-" : sha256.substring(0, 12);
    }

    public String type() {
        return record == null ? "undecodable" : record.getSchema().getName();
    }
}
