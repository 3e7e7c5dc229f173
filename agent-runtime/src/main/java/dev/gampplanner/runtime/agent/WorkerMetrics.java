package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What an agent's workers count, tagged by agent: requests by outcome, processing time, renewals, redeliveries,
 * records in flight, worker restarts, share-group lag and dead letters. Every meter but the lag exists from the start
 * (at zero), so dashboards and alerts find it before the first event.
 */
final class WorkerMetrics {

    private final MeterRegistry registry;
    private final String agent;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter released;
    private final Counter renewed;
    private final Counter redelivered;
    private final Counter restarts;
    private final Timer processing;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lag = new AtomicLong(-1);

    WorkerMetrics(MeterRegistry registry, String agent) {
        this.registry = registry;
        this.agent = agent;
        this.succeeded = requests("succeeded");
        this.failed = requests("failed");
        this.released = requests("released");
        this.renewed = Counter.builder("gamp.agent.lock.renewals").description("Acquisition locks renewed while the agent works")
            .tag("agent", agent).register(registry);
        this.redelivered = Counter.builder("gamp.agent.redeliveries")
            .description("Requests received again (delivery count above 1): a retry, an expired lock or a worker gone")
            .tag("agent", agent).register(registry);
        this.restarts = Counter.builder("gamp.worker.restarts").description("Worker threads that died and were replaced")
            .tag("agent", agent).register(registry);
        this.processing = Timer.builder("gamp.agent.processing").tag("agent", agent)
            .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("gamp.agent.records.in.flight", inFlight, AtomicInteger::get)
            .description("Requests acquired by this service's workers and not yet acknowledged")
            .tag("agent", agent).register(registry);
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

    void redelivered() {
        redelivered.increment();
    }

    void workerRestarted() {
        restarts.increment();
    }

    /** The count the workers' batches keep up to date. */
    AtomicInteger inFlight() {
        return inFlight;
    }

    /**
     * The share group's lag as last measured. The gauge appears with the first measurement: a made-up value before it
     * would make an autoscaler act on nothing.
     */
    void shareGroupLag(long records) {
        if (lag.getAndSet(records) < 0) {
            Gauge.builder("gamp.share.group.lag", lag, AtomicLong::get)
                .description("Requests in the agent's request topic not yet delivered and acknowledged (share-group lag)")
                .tag("agent", agent).register(registry);
        }
    }

    /** Same meter as the planner's dead letters, so one query covers every service. */
    void deadLettered(String topic, String reason) {
        registry.counter("gamp.dead.letters", "service", agent + "-agent", "topic", topic, "reason", reason).increment();
    }
}
