package dev.gampplanner.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * One record of the audit log as an auditor sees it: where it is, when it was written, its key,
 * the SHA-256 of its value bytes, and the value decoded (or why it does not decode).
 */
public record LogRecord(String topic, int partition, long offset, Instant timestamp, String key, byte[] value,
                        String sha256, SpecificRecord record, String decodeError, Map<String, String> headers) {

    static LogRecord of(String topic, int partition, long offset, long timestamp, String key, byte[] value, Headers raw) {
        Map<String, String> headers = new TreeMap<>();
        for (Header header : raw) {
            if (header.key().startsWith("gamp.") && header.value() != null) {
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
        return new LogRecord(topic, partition, offset, Instant.ofEpochMilli(timestamp), key, value,
            value == null ? null : Digests.sha256Hex(value), decoded, error, Map.copyOf(headers));
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
