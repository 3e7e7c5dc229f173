package dev.gampplanner.runtime.agent;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What an agent's workers count, tagged by agent: requests by outcome, processing time, renewals, dead letters. */
final class WorkerMetrics {

    private final MeterRegistry registry;
    private final String agent;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter released;
    private final Counter renewed;
    private final Timer processing;

    WorkerMetrics(MeterRegistry registry, String agent) {
        this.registry = registry;
        this.agent = agent;
        this.succeeded = requests("succeeded");
        this.failed = requests("failed");
        this.released = requests("released");
        this.renewed = Counter.builder("gamp.agent.lock.renewals").tag("agent", agent).register(registry);
        this.processing = Timer.builder("gamp.agent.processing").tag("agent", agent)
            .publishPercentiles(0.5, 0.99).register(registry);
    }

    private Counter requests(String outcome) {
        return Counter.builder("gamp.agent.requests").tag("agent", agent).tag("outcome", outcome).register(registry);
    }

    void succeeded(Duration took) {
        succeeded.increment();
        processing.record(took);
    }

    void failed() {
        failed.increment();
    }

    void released() {
        released.increment();
    }

    void renewed(int records) {
        renewed.increment(records);
    }

    /** Same meter as the planner's dead letters, so one query covers every service. */
    void deadLettered(String topic, String reason) {
        registry.counter("gamp.dead.letters", "service", agent + "-agent", "topic", topic, "reason", reason).increment();
    }
}
