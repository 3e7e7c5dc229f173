package dev.gampplanner.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The trace a record belongs to, from its W3C {@code traceparent} header, which the services' OpenTelemetry agent
 * writes when tracing is on. A record without one (tracing off) or with a malformed one belongs to no known trace.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    /** version-traceid-parentid-flags; an all-zero trace id is invalid by the W3C rules. */
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID = "0".repeat(32);

    private TraceParent() {
    }

    public static Optional<String> traceId(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(new String(header.value(), StandardCharsets.US_ASCII).strip());
        return matcher.matches() && !matcher.group(1).equals(INVALID) ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
