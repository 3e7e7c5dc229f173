package dev.gampplanner.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The backlog's gauges as a planner process shows them, its intake and aggregator sharing one registry. */
class PlanBacklogTest {

    @Test
    void bothApplicationsOfAProcessShowTheSameCountsWhicheverRegistersFirst() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicLong nanoTime = new AtomicLong();
        PlanBacklog backlog = new PlanBacklog(nanoTime::get);
        // As PlannerServices does: the aggregator binds first, then the intake.
        backlog.bindTo(registry);
        backlog.bindTo(registry);

        backlog.waiting(3);
        backlog.waiting(-1);
        backlog.opened();
        backlog.opened();
        // One second in which the aggregator spent 0.5 s on 25 inputs: 20 ms an input.
        nanoTime.set(1_000_000_000L);
        backlog.worked(500_000_000L, 25);
        backlog.took();

        String scrape = registry.scrape();
        assertThat(scrape).contains("gamp_requests_waiting 2.0")
            .contains("gamp_plans_open 2.0")
            // 2 plans of 4 inputs each, one taken: 7 inputs at 20 ms.
            .contains("gamp_plans_ahead_seconds 0.14");
    }
}
