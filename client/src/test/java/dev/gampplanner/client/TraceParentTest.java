package dev.gampplanner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void theTraceIdOfAW3cTraceparent() {
        assertThat(TraceParent.traceId(headers("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
            .contains("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void noHeaderOrAnInvalidOneIsNoTrace() {
        assertThat(TraceParent.traceId(new RecordHeaders())).isEmpty();
        assertThat(TraceParent.traceId(headers("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"))).isEmpty();
        assertThat(TraceParent.traceId(headers("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))).isEmpty();
        assertThat(TraceParent.traceId(headers("not a traceparent"))).isEmpty();
    }

    private static RecordHeaders headers(String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
