package dev.gampplanner.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The plan metrics as Prometheus reads them: latency quantiles, and the share of each plan's own deadline used. */
class PlannerMetricsTest {

    @Test
    void bucketsEachPlanAgainstItsOwnDeadlineAndKeepsTheLatencyQuantiles() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PlannerMetrics metrics = new PlannerMetrics(registry);
        metrics.emitted(plan(PlanStatus.COMPLETE, 12_000, 30_000));
        metrics.emitted(plan(PlanStatus.PARTIAL, 31_000, 30_000));
        metrics.emitted(plan(PlanStatus.COMPLETE, 500, 2_000));

        String scrape = registry.scrape();
        assertThat(scrape).contains("gamp_plan_deadline_used_percent_bucket{le=\"25.0\"} 1")
            .contains("gamp_plan_deadline_used_percent_bucket{le=\"50.0\"} 2")
            .contains("gamp_plan_deadline_used_percent_bucket{le=\"100.0\"} 2")
            .contains("gamp_plan_deadline_used_percent_bucket{le=\"110.0\"} 3")
            .contains("gamp_plan_deadline_used_percent_count 3")
            .contains("gamp_plan_latency_seconds{quantile=\"0.99\"}")
            .contains("gamp_plans_total{status=\"partial\"} 1.0");
    }

    private static MergedPlan plan(PlanStatus status, long latencyMs, long deadlineMs) {
        Instant requested = Instant.parse("2026-12-01T10:00:00Z");
        MergedPlan plan = new MergedPlan();
        plan.setStatus(status);
        plan.setRequestedAt(requested);
        plan.setDeadline(requested.plusMillis(deadlineMs));
        plan.setLatencyMs(latencyMs);
        return plan;
    }
}
