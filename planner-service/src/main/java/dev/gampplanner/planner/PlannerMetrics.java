package dev.gampplanner.planner;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What the planner counts: requests accepted and rejected, plans by status and latency, deadlines, late results. */
public final class PlannerMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter deadlinesExpired;

    public PlannerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("gamp.plan.latency").description("From the request's arrival to the plan's completion")
            .publishPercentiles(0.5, 0.99).register(registry);
        this.accepted = registry.counter("gamp.requests", "outcome", "accepted");
        this.rejected = registry.counter("gamp.requests", "outcome", "rejected");
        this.deadlinesExpired = registry.counter("gamp.deadlines.expired");
    }

    public void accepted() {
        accepted.increment();
    }

    public void rejected(String firstReason) {
        rejected.increment();
        registry.counter("gamp.rejections", "reason", firstReason).increment();
    }

    public void emitted(String status, long latencyMs) {
        registry.counter("gamp.plans", "status", status.toLowerCase(Locale.ROOT)).increment();
        latency.record(Duration.ofMillis(Math.max(0, latencyMs)));
    }

    public void deadlineExpired() {
        deadlinesExpired.increment();
    }

    public void late(String reason) {
        registry.counter("gamp.late.results", "reason", reason.toLowerCase(Locale.ROOT)).increment();
    }
}
