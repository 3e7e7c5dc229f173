package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.bench.AgentDelays;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.bench.GampProcess;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;

/**
 * Services as separate processes, killed with SIGKILL while hundreds of plans are in flight: every
 * request still gets exactly one plan. Redelivery by the share groups, exactly-once transactions and
 * restored Streams state are what make it so; the test only breaks things.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ProcessFaultTest {

    /** Each kill happens with at least this many plans submitted and not yet answered. */
    private static final int IN_FLIGHT_AT_EACH_KILL = 500;
    /**
     * Enough that the last kill, after some 220 answers (more arrive together after a restart), still finds
     * {@link #IN_FLIGHT_AT_EACH_KILL} in flight.
     */
    private static final int PLANS = 900;
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    @Test
    void everyServiceKilledMidWorkAndRestartedStillAnswersEveryRequestOnce(TestBroker broker, @TempDir Path dir) {
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"), Map.of("GAMP_SHARE_LOCK_DURATION", "3s"));
        Map<String, String> env = childEnvironment(config, dir);
        try (PlannerFixture desk = PlannerFixture.deskOnly(config);
             ServiceProcesses services = new ServiceProcesses(env, dir)) {
            services.start("planner", "planner").start("context", "context").start("sme", "sme").start("research", "research");
            List<PlanDesk.Submission> submitted = desk.submitAll(examples(PLANS), DEADLINE);
            List<PlanDesk.Answer> answers = new ArrayList<>();
            collectUntil(desk, answers, n -> n >= 40, "the first answers");
            crashWithPlansInFlight(services, "context", answers);
            collectUntil(desk, answers, n -> n >= 100, "answers after the context agent's crash");
            crashWithPlansInFlight(services, "sme", answers);
            collectUntil(desk, answers, n -> n >= 160, "answers after the SME agent's crash");
            crashWithPlansInFlight(services, "research", answers);
            collectUntil(desk, answers, n -> n >= 220, "answers after the research agent's crash");
            crashWithPlansInFlight(services, "planner", answers);
            collectUntil(desk, answers, n -> n >= PLANS, "every answer after the planner's crash");

            assertEveryRequestAnsweredOnce(desk, submitted, answers);
        }
    }

    @Test
    void aBrokerStoppedAndRestartedOnTheSameDataAndPortsLosesNoPlan(@TempDir Path dir) {
        int port = GampProcess.freePort();
        int controllerPort = GampProcess.freePort();
        Path data = dir.resolve("broker-data");
        String bootstrap = "127.0.0.1:" + port;
        GampProcess broker = startBroker(dir, port, controllerPort, data);
        GampConfig config = GampConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GAMP_PARTITIONS", "3",
            "GAMP_STATE_DIR", dir.resolve("state").toString(), "GAMP_HTTP_PORT", "-1", "GAMP_SHARE_LOCK_DURATION", "3s",
            "GAMP_REPLICATION_FACTOR", "1", "GAMP_MIN_INSYNC_REPLICAS", "1"));
        Map<String, String> env = childEnvironment(config, dir);
        try (ServiceProcesses services = new ServiceProcesses(env, dir)) {
            services.start("all", "all");
            try (PlannerFixture desk = PlannerFixture.deskOnly(config)) {
                List<PlanDesk.Submission> submitted = desk.submitAll(examples(PLANS), DEADLINE);
                List<PlanDesk.Answer> answers = new ArrayList<>();
                collectUntil(desk, answers, n -> n >= 100, "answers before the broker stops");
                assertThat(PLANS - answers.size()).as("plans in flight when the broker stops").isGreaterThanOrEqualTo(IN_FLIGHT_AT_EACH_KILL);
                broker.kill();
                broker = startBroker(dir, port, controllerPort, data);
                collectUntil(desk, answers, n -> n >= PLANS, "every answer after the broker's restart");
                assertEveryRequestAnsweredOnce(desk, submitted, answers);
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void anAgentSlowerThanItsLockKeepsTheRequestAndThePlanIsAnsweredOnce(TestBroker broker, @TempDir Path dir) {
        // Each context request takes 3 s, the share group lends it for 1 s: the worker must renew the lock.
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"), Map.of(
            "GAMP_CONTEXT_SHARE_LOCK_DURATION", "1s", AgentDelays.variable(AgentKind.CONTEXT), "3s", "GAMP_CONTEXT_WORKER_THREADS", "2"));
        Map<String, String> env = childEnvironment(config, dir);
        try (PlannerFixture desk = PlannerFixture.deskOnly(config);
             ServiceProcesses services = new ServiceProcesses(env, dir)) {
            services.start("all", "all");
            List<PlanDesk.Submission> submitted = desk.submitAll(examples(6), Duration.ofSeconds(90));
            List<PlanDesk.Answer> answers = new ArrayList<>();
            collectUntil(desk, answers, n -> n >= 6, "every slow plan");
            assertEveryRequestAnsweredOnce(desk, submitted, answers);
            assertThat(services.metric("all", "gamp_agent_lock_renewals_total{agent=\"context\"")).isPositive();
        }
    }

    /**
     * The planner SIGKILLed and restarted on its state directory, twice each as a dynamic and as a static group
     * member, side by side in one run. A dynamic member's restart waits in the rebalance until the coordinator
     * expires the dead member's session (10 s); a static member (GAMP_INSTANCE_ID) is recognised by its name and
     * gets its tasks back at once. In both cases the restarted transactional producer fences the dead one.
     */
    @Test
    void aKilledPlannerRestartedAsAStaticMemberTakesItsTasksBackAtOnce(TestBroker broker, @TempDir Path dir) throws Exception {
        List<String> report = new ArrayList<>();
        for (String membership : List.of("dynamic", "static")) {
            Path run = Files.createDirectories(dir.resolve(membership));
            GampConfig config = TestConfigs.fresh(broker, run.resolve("state"),
                membership.equals("static") ? Map.of("GAMP_INSTANCE_ID", "planner-0") : Map.of());
            Map<String, String> env = childEnvironment(config, run);
            try (PlannerFixture desk = PlannerFixture.deskOnly(config);
                 ServiceProcesses services = new ServiceProcesses(env, run);
                 Admin admin = KafkaClients.admin(config)) {
                services.start("agents", "context", "sme", "research").start("planner", "planner");
                List<PlanDesk.Submission> submitted = new ArrayList<>(desk.submitAll(examples(5), DEADLINE));
                List<PlanDesk.Answer> answers = new ArrayList<>();
                collectUntil(desk, answers, n -> n >= submitted.size(), "the first answers");
                for (int kill = 1; kill <= 2; kill++) {
                    long killed = System.nanoTime();
                    services.crashAndRestart("planner");
                    double ready = seconds(System.nanoTime() - killed);
                    submitted.addAll(desk.submitAll(examples(5), DEADLINE));
                    int before = answers.size();
                    collectUntil(desk, answers, n -> n > before, "the first answer after the planner's restart");
                    double firstAnswer = seconds(System.nanoTime() - killed);
                    collectUntil(desk, answers, n -> n >= submitted.size(), "every answer after the planner's restart");
                    report.add(String.format(Locale.ROOT, "%s member, kill %d: ready %.1f s, first answer %.1f s after SIGKILL",
                        membership, kill, ready, firstAnswer));
                }
                assertEveryRequestAnsweredOnce(desk, submitted, answers);
                assertThat(plannerMemberInstanceIds(admin, config)).as("group.instance.id of the planner's members")
                    .allMatch(id -> membership.equals("static") ? id.startsWith("planner-0-") : id.isEmpty())
                    .hasSizeGreaterThanOrEqualTo(2);
            }
        }
        report.forEach(line -> System.out.println("planner recovery: " + line));
    }

    private static List<String> plannerMemberInstanceIds(Admin admin, GampConfig config) throws Exception {
        String prefix = config.topics().plannerApplicationIdPrefix();
        List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId)
            .filter(id -> id.startsWith(prefix)).toList();
        return admin.describeConsumerGroups(groups).all().get().values().stream()
            .flatMap(group -> group.members().stream())
            .map(member -> member.groupInstanceId().orElse(""))
            .toList();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static GampProcess startBroker(Path dir, int port, int controllerPort, Path data) {
        return GampProcess.command("broker", Map.of(), dir, "broker", "--port", String.valueOf(port),
            "--controller-port", String.valueOf(controllerPort), "--data", data.toString())
            .start().awaitOutput("Kafka broker ready", Duration.ofSeconds(60));
    }

    private static Map<String, String> childEnvironment(GampConfig config, Path dir) {
        Map<String, String> env = new HashMap<>(config.environment());
        env.put("GAMP_STATE_DIR", dir.resolve("child-state").toString());
        return env;
    }

    /** {@code count} bundled examples, repeated as often as it takes. */
    static List<UrsFile> examples(int count) {
        List<UrsFile> all = UrsFile.bundledExamples();
        List<UrsFile> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(all.get(i % all.size()));
        }
        return documents;
    }

    private static void crashWithPlansInFlight(ServiceProcesses services, String name, List<PlanDesk.Answer> answers) {
        assertThat(PLANS - answers.size()).as("plans in flight when " + name + " is killed").isGreaterThanOrEqualTo(IN_FLIGHT_AT_EACH_KILL);
        services.crashAndRestart(name);
    }

    private static void collectUntil(PlannerFixture desk, List<PlanDesk.Answer> answers, IntPredicate done, String what) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!done.test(answers.size())) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("waited 4 minutes for " + what + "; " + answers.size() + " answered");
            }
            answers.addAll(desk.desk().poll(Duration.ofMillis(200)));
        }
    }

    private static void assertEveryRequestAnsweredOnce(PlannerFixture desk, List<PlanDesk.Submission> submitted,
                                                       List<PlanDesk.Answer> answers) {
        assertThat(answers).hasSize(submitted.size());
        assertThat(answers).extracting(PlanDesk.Answer::correlationId).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(submitted.stream().map(s -> s.id().toString()).toList());
        List<MergedPlan> plans = answers.stream().map(a -> ((PlanDesk.Planned) a).plan()).toList();
        assertThat(plans).extracting(MergedPlan::getStatus).containsOnly(PlanStatus.COMPLETE);
        // Duplicates in plan.merged = 0, counted on the topic itself.
        SpineTest.assertExactlyOnePlanEach(desk, submitted, Instant.now().plusSeconds(2));
    }
}
