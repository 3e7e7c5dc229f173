package dev.gampplanner.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;

/**
 * Measures GAMP Planner beside the floor beneath it, in one run on one broker: a plain Kafka round
 * trip; plan latency at a low fixed rate and its overhead above the slowest agent; the highest
 * sustained rate with p99 under a second; the speedup of parallel agents over sequential ones;
 * scale-out of one slow agent by worker threads; and each service's memory.
 */
public final class BenchRunner {

    /** How long and how hard each part runs. */
    public record Options(boolean inProcess, int floorSamples, int overheadRate, Duration overheadDuration,
                          List<Integer> throughputRates, Duration stepDuration, Duration parallelDelay, int parallelPlans,
                          Duration scaleDelay, List<Integer> workerCounts, int plansPerWorker) {

        /**
         * The full run. The fixed "low" rate is 5 plans/s: each plan analyses a whole URS three times, so this
         * machine saturates near twenty a second and a higher rate would measure queueing, not overhead.
         */
        public static Options full(boolean inProcess) {
            return new Options(inProcess, 500, 5, Duration.ofSeconds(30), List.of(5, 10, 15, 20, 30, 40, 60, 80, 120, 160, 250, 400),
                Duration.ofSeconds(15), Duration.ofMillis(500), 20, Duration.ofMillis(200), List.of(1, 2, 4, 8), 40);
        }

        public static Options quick(boolean inProcess) {
            return new Options(inProcess, 50, 5, Duration.ofSeconds(2), List.of(5, 10), Duration.ofSeconds(2),
                Duration.ofMillis(200), 3, Duration.ofMillis(100), List.of(1, 2), 4);
        }
    }

    /**
     * A URS of one requirement: planning it exercises every hop of the flow with almost no analysis, so
     * its throughput is the ceiling of the orchestration itself.
     */
    static final UrsFile MINIMAL = new UrsFile("minimal.md", "# Minimal system\n## 1. Functional Requirements\n"
        + "- **MIN-001**: The system shall record each temperature reading with its time.\n");

    private static final Duration PLAN_DEADLINE = Duration.ofMinutes(2);
    private static final Duration LATENCY_LIMIT = Duration.ofSeconds(1);

    private final GampConfig base;
    private final Options options;
    private final InProcessServices services;
    private final PrintWriter progress;
    private final Path logDir;
    private final List<UrsFile> documents = UrsFile.bundledExamples();

    /** {@code services} runs the services when {@link Options#inProcess()}; otherwise each is a process of its own. */
    public BenchRunner(GampConfig base, Options options, InProcessServices services, PrintWriter progress, Path logDir) {
        this.base = base;
        this.options = options;
        this.services = services;
        this.progress = progress;
        this.logDir = logDir;
    }

    public BenchReport run() {
        BenchReport.Builder report = new BenchReport.Builder(options);
        say("floor: %d plain produce-consume round trips", options.floorSamples());
        report.floor(floor());

        GampConfig config = namespace("bench-load");
        say("starting the services (%s)", options.inProcess() ? "in this process" : "one process each");
        try (ServiceFleet fleet = new ServiceFleet(config, options.inProcess() ? services : null, logDir).start();
             PlanDesk desk = new PlanDesk(config)) {
            Target target = new Target(desk, fleet);
            say("warming up: %d plans", documents.size());
            burst(target, documents, documents.size());
            burst(target, List.of(MINIMAL), 10);
            say("overhead: %d plans/s for %s", options.overheadRate(), Durations.format(options.overheadDuration()));
            Map<String, Long> roundTrips = paced(target, documents, options.overheadRate(), options.overheadDuration()).roundTrips();
            report.latency(Percentiles.of(roundTrips.values()), overheads(config, roundTrips));
            for (List<UrsFile> load : List.of(documents, List.of(MINIMAL))) {
                boolean minimal = load.size() == 1;
                for (int rate : options.throughputRates()) {
                    say("throughput%s: offering %d plans/s for %s", minimal ? " (one-requirement URS)" : "", rate,
                        Durations.format(options.stepDuration()));
                    Step step = paced(target, load, rate, options.stepDuration());
                    report.step(minimal, rate, step.achievedRate(), Percentiles.of(step.roundTrips().values()), step.complete());
                    if (!step.complete() || Percentiles.of(step.roundTrips().values()).p99() >= LATENCY_LIMIT.toMillis()) {
                        break;
                    }
                }
            }
            report.memory(fleet.residentMegabytes());

            GampConfig slow = config.with(Map.of(AgentDelays.ALL, Durations.format(options.parallelDelay())));
            say("parallel speedup: every agent slowed by %s", Durations.format(options.parallelDelay()));
            for (String agent : List.of("context", "sme", "research")) {
                fleet.restart(agent, slow);
            }
            // One-requirement documents: the agents' own work is then the injected delay, not document analysis.
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < options.parallelPlans(); i++) {
                latencies.addAll(burst(target, List.of(MINIMAL), 1).values());
            }
            report.parallel(options.parallelDelay(), Percentiles.of(latencies));

            Map<String, String> sme = Map.of(AgentDelays.variable(AgentKind.SME), Durations.format(options.scaleDelay()),
                AgentDelays.ALL, "0ms");
            for (String agent : List.of("context", "research")) {
                fleet.restart(agent, config);
            }
            for (int workers : options.workerCounts()) {
                say("scale-out: SME agent slowed by %s with %d worker thread(s)", Durations.format(options.scaleDelay()), workers);
                fleet.restart("sme", config.with(sme).with(Map.of("GAMP_SME_WORKER_THREADS", String.valueOf(workers))));
                // A restarted worker's share consumer gets its assignment a heartbeat or so after start; that wait is
                // start-up, not throughput.
                burst(target, List.of(MINIMAL), 2 * workers);
                int plans = options.plansPerWorker() * workers;
                long started = System.nanoTime();
                burst(target, List.of(MINIMAL), plans);
                report.scale(workers, plans / ((System.nanoTime() - started) / 1e9));
            }
        }
        return report.build(base);
    }

    /** p50 of a plain produce → consume round trip with the services' own reliability settings. */
    private Percentiles floor() {
        GampConfig config = namespace("bench-floor");
        String topic = config.topics().prefix() + "bench.floor";
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the floor topic " + topic + ": " + e.getMessage(), e);
        }
        Map<String, Object> producerProps = KafkaClients.producerProps(config, "bench-floor");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        List<Double> samples = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "bench-floor", null)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            byte[] value = new byte[1024];
            for (int i = 0; i < options.floorSamples() + 20; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
                boolean received = false;
                while (!received) {
                    received = !consumer.poll(Duration.ofMillis(100)).isEmpty();
                }
                if (i >= 20) {
                    samples.add((System.nanoTime() - sent) / 1e6);
                }
            }
        }
        return Percentiles.of(samples);
    }

    /** Where load goes: the desk that submits and collects, and the services that must stay up to answer. */
    private record Target(PlanDesk desk, ServiceFleet fleet) {
    }

    /** A load phase: round trip per plan, and the rate at which answers came. */
    private record Step(Map<String, Long> roundTrips, double achievedRate, boolean complete) {
    }

    /** Submits {@code rate} plans a second for {@code duration} (open loop) and collects every answer. */
    private Step paced(Target target, List<UrsFile> load, int rate, Duration duration) {
        int total = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                target.desk().submit(load.get(i % load.size()), null, Instant.now().plus(PLAN_DEADLINE), "gamp bench", false);
            }
        }, "bench-submitter");
        submitter.start();
        Map<String, Long> roundTrips = collect(target, total, duration.plusSeconds(30));
        try {
            submitter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Step(roundTrips, roundTrips.size() / seconds, roundTrips.size() == total);
    }

    /** Submits {@code count} plans at once and waits for them. */
    private Map<String, Long> burst(Target target, List<UrsFile> load, int count) {
        for (int i = 0; i < count; i++) {
            target.desk().submit(load.get(i % load.size()), null, Instant.now().plus(PLAN_DEADLINE), "gamp bench", false);
        }
        return collect(target, count, PLAN_DEADLINE);
    }

    private Map<String, Long> collect(Target target, int count, Duration timeout) {
        Map<String, Long> roundTrips = new HashMap<>();
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (roundTrips.size() < count && System.nanoTime() < giveUp) {
            target.fleet().requireRunning();
            for (PlanDesk.Answer answer : target.desk().poll(Duration.ofMillis(50))) {
                roundTrips.put(answer.correlationId(), answer.roundTripMs());
            }
        }
        return roundTrips;
    }

    /** Round trip minus the slowest agent's own processing time (from the results' headers), per plan. */
    private Percentiles overheads(GampConfig config, Map<String, Long> roundTrips) {
        Map<String, Long> slowestAgent = new HashMap<>();
        for (LogRecord record : new AuditLog(config).everything(null)) {
            if (record.record() instanceof AgentResult && roundTrips.containsKey(record.key())) {
                long processing = Long.parseLong(record.headers().getOrDefault(GampHeaders.PROCESSING_MS, "0"));
                slowestAgent.merge(record.key(), processing, Math::max);
            }
        }
        List<Number> overheads = new ArrayList<>();
        roundTrips.forEach((id, total) -> overheads.add(Math.max(0, total - slowestAgent.getOrDefault(id, 0L))));
        return Percentiles.of(overheads);
    }

    private GampConfig namespace(String name) {
        return base.with(Map.of("GAMP_TOPIC_PREFIX", base.topics().prefix() + name + "-" + System.currentTimeMillis() + "."));
    }

    private void say(String format, Object... args) {
        progress.printf("gamp bench: " + format + "%n", args);
        progress.flush();
    }
}
