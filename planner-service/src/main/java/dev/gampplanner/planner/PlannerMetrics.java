package dev.gampplanner.planner;

import java.time.Duration;
import java.util.Locale;

import dev.gampplanner.schema.MergedPlan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the planner counts: requests accepted and rejected, plans by status and latency, deadlines, late results, timers
 * that failed.
 * Latency comes twice: as p50/p99 in seconds, and as the percent of its own deadline each plan used, in buckets
 * around 100 (the deadline), since requests choose their deadlines and a plan is late against its own, not against a number.
 */
public final class PlannerMetrics {

    /**
     * Percent of a plan's deadline: early, on track, close, at it, and past it by a little or by more. Whole percents,
     * as Micrometer's summary histograms count in whole units.
     */
    private static final double[] DEADLINE_BUCKETS = {25, 50, 75, 90, 100, 110, 150};

    private final MeterRegistry registry;
    private final Timer latency;
    private final DistributionSummary deadlineUsed;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter deadlinesExpired;
    private final Counter closedAhead;

    public PlannerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("gamp.plan.latency").description("From the request's arrival to the plan's completion")
            .publishPercentiles(0.5, 0.99).register(registry);
        this.deadlineUsed = DistributionSummary.builder("gamp.plan.deadline.used").baseUnit("percent")
            .description("A plan's latency in percent of its deadline (100 = answered at the deadline)")
            .serviceLevelObjectives(DEADLINE_BUCKETS).register(registry);
        this.accepted = registry.counter("gamp.requests", "outcome", "accepted");
        this.rejected = registry.counter("gamp.requests", "outcome", "rejected");
        this.deadlinesExpired = registry.counter("gamp.deadlines.expired");
        this.closedAhead = registry.counter("gamp.deadlines.closed.ahead");
    }

    public void accepted() {
        accepted.increment();
    }

    public void rejected(String firstReason) {
        rejected.increment();
        registry.counter("gamp.rejections", "reason", firstReason).increment();
    }

    public void emitted(MergedPlan plan) {
        registry.counter("gamp.plans", "status", plan.getStatus().name().toLowerCase(Locale.ROOT)).increment();
        long latencyMs = Math.max(0, plan.getLatencyMs());
        latency.record(Duration.ofMillis(latencyMs));
        long allowedMs = Duration.between(plan.getRequestedAt(), plan.getDeadline()).toMillis();
        if (allowedMs > 0) {
            deadlineUsed.record(100.0 * latencyMs / allowedMs);
        }
    }

    /** @param ahead whether the plan was closed ahead of its deadline, to be answered by it */
    public void deadlineExpired(boolean ahead) {
        deadlinesExpired.increment();
        if (ahead) {
            closedAhead.increment();
        }
    }

    /** A wall-clock timer whose handling failed; it is tried again. */
    public void timerFailed(String kind) {
        registry.counter("gamp.timer.failures", "kind", kind.toLowerCase(Locale.ROOT)).increment();
    }

    public void late(String reason) {
        registry.counter("gamp.late.results", "reason", reason.toLowerCase(Locale.ROOT)).increment();
    }
}
