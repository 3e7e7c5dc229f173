package dev.gampplanner.runtime.agent;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResultStatus;

/**
 * The CONSUMER span of one agent request. The OpenTelemetry Java agent instruments producers, consumers and Streams
 * but not share consumers, so the worker makes this span itself: its parent is the producer span in the record's
 * {@code traceparent} header, it is current while the agent works (the agent carries it onto the analysis thread and
 * into the result's producer span), and its status is the request's outcome. Without the agent every call is a no-op.
 */
final class RequestSpan {

    static final String CORRELATION_ID = "gamp.correlation_id";

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer = GlobalOpenTelemetry.getTracer("dev.gampplanner.agent-runtime");
    private final String agent;

    RequestSpan(AgentKind agent) {
        this.agent = TopicCatalog.agentName(agent);
    }

    /** Runs the handling of {@code record} inside its span. */
    Completion around(ConsumerRecord<byte[], byte[]> record, Function<ConsumerRecord<byte[], byte[]>, Completion> handling) {
        Context parent = GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
            .extract(Context.root(), record.headers(), HEADERS);
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        Span span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.operation.name", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
            .setAttribute("messaging.kafka.offset", record.offset())
            .setAttribute("messaging.kafka.message.key", key)
            .setAttribute("gamp.delivery_count", record.deliveryCount().map(Short::longValue).orElse(1L))
            .setAttribute(CORRELATION_ID, key)
            .setAttribute("gamp.agent", agent)
            .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Completion completion = handling.apply(record);
            AcknowledgeType acknowledgement = completion.onWritten();
            span.setAttribute("gamp.acknowledgement", acknowledgement.name());
            if (acknowledgement == AcknowledgeType.RELEASE) {
                span.setStatus(StatusCode.ERROR, "released for another attempt");
            } else if (acknowledgement == AcknowledgeType.REJECT) {
                span.setStatus(StatusCode.ERROR, "undecodable request, copied to the dead-letter topic");
            }
            return completion;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.toString());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Marks the current request's span with the result the agent answered. */
    static void answered(AgentResult result) {
        Span span = Span.current();
        span.setAttribute("gamp.agent.status", result.getStatus().name());
        if (result.getStatus() == ResultStatus.FAILED) {
            span.setStatus(StatusCode.ERROR, result.getError() == null ? "FAILED"
                : result.getError().getCode() + ": " + result.getError().getMessage());
        } else {
            span.setStatus(StatusCode.OK);
        }
    }
}
