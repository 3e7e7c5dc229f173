package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.common.errors.InterruptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.PlanStatus;

/**
 * A thousand example plans submitted at once, not paced, to the four services as separate processes with their default
 * settings and the default 30 s deadline; the SME agent SIGKILLed after 300 answers and restarted. Asserted hard: every
 * request answered exactly once, every plan closed by the planner no later than its deadline plus 2 s (the contract's
 * bound: what the planner cannot answer in time it refuses at once), and the audit log verifying. Measured and printed
 * on one line beginning {@code burst:}, with each service's CPU: how many came back COMPLETE, how fast, how many the
 * desk read later than their deadline plus 2 s, and how long the killed agent took to be ready again.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BurstTest {

    private static final int REPEATS = 40;
    private static final int KILL_AFTER_ANSWERS = 300;
    private static final Duration MARGIN = Duration.ofSeconds(2);
    /** How long after the last deadline the test keeps listening, so a late or second answer is seen, not missed. */
    private static final Duration LISTEN_AFTER = Duration.ofSeconds(45);

    /** One answer as the desk read it. */
    private record Arrival(PlanDesk.Answer answer, Instant at) {
    }

    @Test
    void aThousandPlansAtOnceWithTheSmeAgentKilledAreEachAnsweredOnce(TestBroker broker,
        @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
        throws Exception {
        // One partition per topic, as 'gamp' sets up a single local broker; otherwise the services' defaults.
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"), Map.of("GAMP_PARTITIONS", "1",
            "GAMP_WORKER_THREADS", "2", "GAMP_COMMIT_INTERVAL", "20ms", "GAMP_DEADLINE_CHECK_INTERVAL", "100ms"));
        Map<String, String> env = new HashMap<>(config.environment());
        env.put("GAMP_STATE_DIR", dir.resolve("child-state").toString());
        List<UrsFile> burst = ProcessFaultTest.examples(UrsFile.bundledExamples().size() * REPEATS);
        try (PlannerFixture desk = PlannerFixture.deskOnly(config);
             ServiceProcesses services = new ServiceProcesses(env, dir)) {
            services.start("planner", "planner").start("context", "context").start("sme", "sme").start("research", "research");
            // Every client connected and every agent's knowledge loaded, as in a fleet that has been running a while.
            desk.submitAll(UrsFile.bundledExamples(), config.defaultDeadline());
            desk.awaitAnswers(UrsFile.bundledExamples().size(), Duration.ofSeconds(120));

            Map<String, Duration> cpuBefore = services.cpu();
            Duration testJvmCpuBefore = testJvmCpu();
            ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
            Thread collector = new Thread(() -> collect(desk.desk(), arrivals), "burst-answers");
            collector.start();
            List<PlanDesk.Submission> submitted = new ArrayList<>();
            for (UrsFile document : burst) {
                submitted.add(desk.desk().submit(document, null, null, "burst test", false));
            }
            Instant lastDeadline = Instant.now().plus(config.defaultDeadline());

            awaitArrivals(arrivals, KILL_AFTER_ANSWERS, lastDeadline.plus(LISTEN_AFTER));
            services.kill("sme");
            Duration smeReady = services.restart("sme");
            awaitArrivals(arrivals, submitted.size(), lastDeadline.plus(LISTEN_AFTER));
            // Anything more (a second answer) would come now; the collector keeps listening a little longer.
            TimeUnit.SECONDS.sleep(3);
            collector.interrupt();
            collector.join();
            Map<String, Duration> cpu = cpuUsedSince(services.cpu(), cpuBefore);
            cpu.put("broker and test JVM", testJvmCpu().minus(testJvmCpuBefore));

            List<Arrival> answers = List.copyOf(arrivals);
            Map<String, Long> onTopics = answersOnTopics(desk, answers);
            AuditLog log = new AuditLog(config);
            AuditReport audit = new AuditVerifier(config.topics(), config.defaultDeadline(), Duration.ofMinutes(1))
                .verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
            BurstFigures figures = BurstFigures.of(submitted.size(), answers.stream().map(Arrival::answer).toList(),
                lateness(answers, config.defaultDeadline()), smeReady, audit.ok(), cpu);
            System.out.println(figures.line());

            assertThat(answers).as("answers read by the desk").hasSize(submitted.size());
            assertThat(answers).extracting(a -> a.answer().correlationId()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(submitted.stream().map(s -> s.id().toString()).toList());
            assertThat(submitted).as("answers per request on plan.merged and plan.rejected")
                .allSatisfy(s -> assertThat(onTopics.get(s.id().toString())).as(s.id().toString()).isEqualTo(1L));
            assertThat(audit.failures()).as("audit verify").isEmpty();
            assertThat(figures.latestClosedPastDeadline()).as("the latest a plan was closed after its deadline")
                .isLessThanOrEqualTo(MARGIN);
        }
    }

    /** The desk's answers, each with the time it was read; runs until interrupted. */
    private static void collect(PlanDesk desk, ConcurrentLinkedQueue<Arrival> arrivals) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (PlanDesk.Answer answer : desk.poll(Duration.ofMillis(50))) {
                    arrivals.add(new Arrival(answer, Instant.now()));
                }
            }
        } catch (InterruptException stopped) {
            // The test's signal to stop listening, when it comes during a poll.
        }
    }

    private static void awaitArrivals(ConcurrentLinkedQueue<Arrival> arrivals, int count, Instant giveUp)
        throws InterruptedException {
        while (arrivals.size() < count && Instant.now().isBefore(giveUp)) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** How long after its deadline each answer was read (negative: before it). */
    private static List<Duration> lateness(List<Arrival> arrivals, Duration defaultDeadline) {
        return arrivals.stream().map(a -> Duration.between(deadline(a.answer(), defaultDeadline), a.at())).toList();
    }

    private static Instant deadline(PlanDesk.Answer answer, Duration defaultDeadline) {
        if (answer instanceof PlanDesk.Planned planned) {
            return planned.plan().getDeadline();
        }
        return ((PlanDesk.Rejected) answer).rejection().getRequestedAt().plus(defaultDeadline);
    }

    /**
     * Records per key on the two answer topics, counted on the topics themselves: a second answer the desk did not read
     * shows here. Each topic is read until it holds every answer the desk read from it, then a little longer.
     */
    private static Map<String, Long> answersOnTopics(PlannerFixture desk, List<Arrival> arrivals) {
        Map<String, Long> perKey = new HashMap<>();
        Map<Boolean, Set<String>> planned = arrivals.stream().map(Arrival::answer).collect(Collectors.partitioningBy(
            a -> a instanceof PlanDesk.Planned, Collectors.mapping(PlanDesk.Answer::correlationId, Collectors.toSet())));
        Map<String, Set<String>> expected = Map.of(desk.config.topics().merged(), planned.get(true),
            desk.config.topics().rejected(), planned.get(false));
        expected.forEach((topic, ids) -> {
            try (TopicProbe probe = new TopicProbe(desk.config, topic)) {
                probe.awaitUntil(records -> TopicProbe.countByKey(records).keySet().containsAll(ids), Duration.ofSeconds(60),
                    "the " + ids.size() + " answers on " + topic);
                TopicProbe.countByKey(probe.drain(Duration.ofSeconds(1))).forEach((key, n) -> perKey.merge(key, n, Long::sum));
            }
        });
        return perKey;
    }

    private static Map<String, Duration> cpuUsedSince(Map<String, Duration> now, Map<String, Duration> before) {
        Map<String, Duration> used = new TreeMap<>();
        now.forEach((name, total) -> used.put(name, total.minus(before.getOrDefault(name, Duration.ZERO))));
        return used;
    }

    private static Duration testJvmCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** What the burst came to, as printed. */
    record BurstFigures(int plans, int answered, long distinct, Map<String, Long> outcomes, List<Long> sortedLatencyMs,
                        Duration latestPastDeadline, long pastMargin, Duration latestClosedPastDeadline, long closedPastDeadline,
                        Duration smeReady, boolean verified, Map<String, Duration> cpu) {

        static BurstFigures of(int plans, List<PlanDesk.Answer> answers, List<Duration> lateness, Duration smeReady,
                               boolean verified, Map<String, Duration> cpu) {
            Map<String, Long> outcomes = answers.stream().collect(Collectors.groupingBy(BurstFigures::outcome, TreeMap::new,
                Collectors.counting()));
            // When the planner closed each plan, by its own clock: what it decided, apart from how long the answer then took to read.
            List<Duration> closedLate = answers.stream().filter(a -> a instanceof PlanDesk.Planned).map(a -> ((PlanDesk.Planned) a).plan())
                .map(plan -> Duration.between(plan.getDeadline(), plan.getCompletedAt())).toList();
            return new BurstFigures(plans, answers.size(), answers.stream().map(PlanDesk.Answer::correlationId).distinct().count(),
                outcomes, answers.stream().map(PlanDesk.Answer::roundTripMs).sorted().toList(),
                lateness.stream().max(Duration::compareTo).orElse(Duration.ZERO),
                lateness.stream().filter(late -> late.compareTo(MARGIN) > 0).count(),
                closedLate.stream().max(Duration::compareTo).orElse(Duration.ZERO),
                closedLate.stream().filter(late -> late.compareTo(Duration.ZERO) > 0).count(), smeReady, verified, cpu);
        }

        private static String outcome(PlanDesk.Answer answer) {
            return answer instanceof PlanDesk.Planned planned ? planned.plan().getStatus().name()
                : "REJECTED " + ((PlanDesk.Rejected) answer).rejection().getReasons().get(0).getCode();
        }

        /** Nearest rank; 0 with no answer. */
        long latencyMs(double quantile) {
            int rank = (int) Math.ceil(quantile * sortedLatencyMs.size()) - 1;
            return sortedLatencyMs.isEmpty() ? 0 : sortedLatencyMs.get(Math.max(0, rank));
        }

        double completeShare() {
            return 100.0 * outcomes.getOrDefault(PlanStatus.COMPLETE.name(), 0L) / plans;
        }

        String line() {
            return String.format(Locale.ROOT, "burst: %d plans, 1 kill (sme after %d answers), %d answered, %d lost, %d duplicated,"
                    + " %.1f %% COMPLETE %s, latency p50 %d ms p99 %d ms max %d ms, latest %+.1f s after its deadline, %d later than deadline + 2 s,"
                    + " closed by the planner at the latest %+.1f s after its deadline, %d after it,"
                    + " sme ready %.1f s after its restart, audit verify %s, cpu %s",
                plans, KILL_AFTER_ANSWERS, answered, plans - distinct, answered - distinct, completeShare(), outcomes,
                latencyMs(0.50), latencyMs(0.99), latencyMs(1.0), latestPastDeadline.toMillis() / 1000.0, pastMargin,
                latestClosedPastDeadline.toMillis() / 1000.0, closedPastDeadline, smeReady.toMillis() / 1000.0,
                verified ? "ok" : "FAILED", cpu.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(),
                    e.getValue().toMillis() / 1000.0)).collect(Collectors.joining(", ")));
        }
    }
}
