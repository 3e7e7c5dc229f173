package dev.gampplanner.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Record headers GAMP Planner writes. Operational facts (which worker, which attempt, how long)
 * travel here rather than in the record value, so values stay reproducible.
 */
public final class GampHeaders {

    public static final String WORKER = "gamp.worker";
    public static final String ATTEMPT = "gamp.attempt";
    public static final String PROCESSING_MS = "gamp.processing-ms";

    public static final String DLQ_REASON = "gamp.dlq.reason";
    public static final String DLQ_MESSAGE = "gamp.dlq.message";
    public static final String DLQ_EXCEPTION = "gamp.dlq.exception";
    public static final String DLQ_SERVICE = "gamp.dlq.service";
    public static final String DLQ_SOURCE_TOPIC = "gamp.dlq.source.topic";
    public static final String DLQ_SOURCE_PARTITION = "gamp.dlq.source.partition";
    public static final String DLQ_SOURCE_OFFSET = "gamp.dlq.source.offset";
    public static final String DLQ_SOURCE_TIMESTAMP = "gamp.dlq.source.timestamp";

    private GampHeaders() {
    }

    public static void put(Headers headers, String key, Object value) {
        headers.remove(key);
        headers.add(key, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> get(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null
            ? Optional.empty()
            : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
