package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.KafkaCluster;
import dev.gampplanner.localkafka.junit.TestCluster;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;

/**
 * The planner on a three-node cluster of broker processes, topics with three replicas and two in sync: a
 * broker killed with SIGKILL mid-run loses nothing, and with two of three down no write is acknowledged — the
 * services carry on by themselves once a broker returns.
 */
class ClusterTest {

    @RegisterExtension
    static final TestCluster CLUSTER = TestCluster.nodes(3);

    private static final int PLANS = 120;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    /**
     * One planner through both faults, so the cluster's and the services' start-up is paid once: first the busiest
     * leader is killed and restarted mid-run, then two of the three nodes go down together.
     */
    @Test
    void aKilledBusiestLeaderLosesNoPlanAndWithTwoOfThreeDownNothingIsAcknowledgedUntilTheServicesRecoverByThemselves(
        @TempDir Path state) throws Exception {
        KafkaCluster cluster = CLUSTER.cluster();
        try (PlannerFixture planner = new PlannerFixture(CLUSTER.broker(), state, Map.of()).start("all", "all");
             PlanDesk impatient = new PlanDesk(planner.config.with(Map.of(
                 "KAFKA_CLIENT_DELIVERY_TIMEOUT_MS", "5000", "KAFKA_CLIENT_REQUEST_TIMEOUT_MS", "2000")))) {
            assertReplicatedThreeTimesTwoInSync(planner.config);
            List<PlanDesk.Submission> submitted = new ArrayList<>(planner.submitAll(ProcessFaultTest.examples(PLANS), DEADLINE));
            Answers answers = new Answers(planner.desk());
            answers.collectUntil(30, "the first answers");

            int busiest = CLUSTER.busiestLeader(planner.config.topics().auditTopics());
            int inFlight = PLANS - answers.count();
            assertThat(inFlight).as("plans in flight at the kill").isGreaterThanOrEqualTo(80);
            Instant killed = Instant.now();
            cluster.kill(busiest);
            answers.collectUntil(answers.count() + 20, "answers with node " + busiest + " dead");
            CompletableFuture<Duration> restart = restartInTheBackground(cluster, busiest);
            answers.collectUntil(PLANS, "every answer after node " + busiest + "'s restart");
            Duration restarted = restart.get(3, TimeUnit.MINUTES);
            Duration inSync = CLUSTER.awaitFullyReplicated(Duration.ofMinutes(2));

            assertThat(answers.plans()).extracting(MergedPlan::getStatus).containsOnly(PlanStatus.COMPLETE);
            assertThat(answers.ids()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(submitted.stream().map(s -> s.id().toString()).toList());
            System.out.printf("cluster kill: node %d SIGKILLed with %d of %d plans in flight; first answer %d ms after the "
                    + "kill, longest wait between answers %d ms; node ready %d ms after its restart began, then every "
                    + "replica in sync within %d ms; all %d answered once, the last %d ms after the kill%n",
                busiest, inFlight, PLANS, Duration.between(killed, answers.firstAfter(killed)).toMillis(),
                answers.longestGapAfter(killed).toMillis(), restarted.toMillis(), inSync.toMillis(), PLANS,
                Duration.between(killed, answers.last()).toMillis());

            List<Integer> down = cluster.nodeIds().subList(0, 2);
            down.forEach(cluster::kill);
            Instant outage = Instant.now();
            // The patient desk's requests wait in its producer; the impatient one's are refused once their time is up.
            int waiting = 10;
            for (UrsFile document : ProcessFaultTest.examples(waiting)) {
                submitted.add(planner.desk().submit(document, null, Instant.now().plus(DEADLINE), "cluster test", false));
            }
            int refused = 0;
            for (UrsFile document : ProcessFaultTest.examples(2)) {
                try {
                    impatient.submit(document, null, Instant.now().plus(DEADLINE), "cluster test");
                } catch (IllegalStateException notAcknowledged) {
                    refused++;
                }
            }
            assertThat(refused).as("requests refused with one broker of three").isEqualTo(2);
            assertThat(answers.poll(Duration.ofSeconds(1))).as("answers with one broker of three").isZero();

            Instant returning = Instant.now();
            CompletableFuture<Duration> back = restartInTheBackground(cluster, down.get(0));
            answers.collectUntil(PLANS + waiting, "the requests that waited through the outage");
            submitted.addAll(planner.submitAll(ProcessFaultTest.examples(10), DEADLINE));
            answers.collectUntil(PLANS + waiting + 10, "requests submitted after the recovery");
            System.out.printf("two of three down for %d ms: %d of 2 impatient writes refused, no answer; one node ready "
                    + "%d ms after its restart, the first waiting request answered %d ms after the restart began, all %d "
                    + "waiting ones %d ms after%n",
                Duration.between(outage, returning).toMillis(), refused, back.get(3, TimeUnit.MINUTES).toMillis(),
                Duration.between(returning, answers.firstAfter(returning)).toMillis(), waiting,
                Duration.between(returning, answers.last()).toMillis());
            cluster.start(down.get(1));

            // Every acknowledged request answered once; a refused one may still have landed later, but never twice.
            Map<String, Long> perKey;
            try (TopicProbe merged = new TopicProbe(planner.config, planner.config.topics().merged())) {
                perKey = TopicProbe.countByKey(merged.drain(Duration.ofSeconds(2)));
            }
            assertThat(perKey.keySet()).containsAll(submitted.stream().map(s -> s.id().toString()).toList());
            assertThat(perKey.values()).containsOnly(1L);
            assertAuditVerifies(planner.config, perKey.size());
        }
    }

    /** Restarts a node while the test keeps collecting answers; completes with how long the node took. */
    private static CompletableFuture<Duration> restartInTheBackground(KafkaCluster cluster, int node) {
        return CompletableFuture.supplyAsync(() -> {
            Instant begin = Instant.now();
            cluster.start(node);
            return Duration.between(begin, Instant.now());
        });
    }

    private static void assertReplicatedThreeTimesTwoInSync(GampConfig config) throws Exception {
        try (Admin admin = CLUSTER.admin()) {
            String merged = config.topics().merged();
            TopicDescription description = admin.describeTopics(List.of(merged)).allTopicNames().get().get(merged);
            assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, merged);
            Config topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(topicConfig.get("min.insync.replicas").value()).isEqualTo("2");
        }
    }

    private static void assertAuditVerifies(GampConfig config, int plans) {
        AuditLog log = new AuditLog(config);
        AuditReport report = new AuditVerifier(config.topics(), config.defaultDeadline(), Duration.ofMinutes(1))
            .verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
        assertThat(report.failures()).isEmpty();
        assertThat(report.plans()).isEqualTo(plans);
    }

    /** The answers a desk has collected, each with the moment it arrived. */
    private static final class Answers {
        private final PlanDesk desk;
        private final List<PlanDesk.Answer> answers = new ArrayList<>();
        private final List<Instant> arrivals = new ArrayList<>();

        Answers(PlanDesk desk) {
            this.desk = desk;
        }

        int poll(Duration timeout) {
            List<PlanDesk.Answer> polled = desk.poll(timeout);
            Instant now = Instant.now();
            polled.forEach(a -> {
                answers.add(a);
                arrivals.add(now);
            });
            return polled.size();
        }

        void collectUntil(int count, String what) {
            long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (answers.size() < count) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError("waited 3 minutes for " + what + "; " + answers.size() + " answered, waiting for "
                        + desk.waitingCount());
                }
                poll(Duration.ofMillis(200));
            }
        }

        int count() {
            return answers.size();
        }

        int countBefore(Instant moment) {
            return (int) arrivals.stream().filter(a -> a.isBefore(moment)).count();
        }

        List<MergedPlan> plans() {
            return answers.stream().map(a -> ((PlanDesk.Planned) a).plan()).toList();
        }

        List<String> ids() {
            return answers.stream().map(PlanDesk.Answer::correlationId).toList();
        }

        Instant last() {
            return arrivals.get(arrivals.size() - 1);
        }

        Instant firstAfter(Instant moment) {
            return arrivals.stream().filter(a -> a.isAfter(moment)).findFirst().orElseThrow();
        }

        /** The longest stretch without an answer, from {@code moment} on. */
        Duration longestGapAfter(Instant moment) {
            Duration longest = Duration.ZERO;
            Instant previous = moment;
            for (Instant arrival : arrivals) {
                if (arrival.isAfter(moment)) {
                    Duration gap = Duration.between(previous, arrival);
                    longest = gap.compareTo(longest) > 0 ? gap : longest;
                    previous = arrival;
                }
            }
            return longest;
        }
    }
}
