package dev.gampplanner.planner.aggregate;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Keeps a plan's deadline in the plan's trace. The deadline is decided by a wall-clock punctuator, outside the span
 * of any record, so the DeadlineExpired it writes would start a trace of its own; instead it is written inside a
 * span whose parent is the span that read the plan's PlanOpened, and the OpenTelemetry agent carries that into the
 * record's {@code traceparent}. The contexts live in memory only: after a restart a deadline starts its own trace,
 * which costs a picture, not a plan. Without the agent nothing is kept.
 */
final class DeadlineTraces {

    private final Tracer tracer = GlobalOpenTelemetry.getTracer("dev.gampplanner.planner");
    private final Map<String, Context> openedIn = new HashMap<>();

    /** The current record is the plan's PlanOpened. */
    void opened(String correlationId) {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            openedIn.put(correlationId, current);
        }
    }

    /** The plan is emitted; its deadline can no longer fall due. */
    void closed(String correlationId) {
        openedIn.remove(correlationId);
    }

    /** Runs the deadline's decision in a span of the plan's trace, when that trace is known. */
    void deadlineDue(String correlationId, Runnable decision) {
        Context parent = openedIn.get(correlationId);
        if (parent == null) {
            decision.run();
            return;
        }
        Span span = tracer.spanBuilder("plan deadline").setParent(parent)
            .setAttribute("gamp.correlation_id", correlationId).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            decision.run();
        } finally {
            span.end();
        }
    }
}
