package dev.gampplanner.planner.aggregate;

import static dev.gampplanner.planner.StreamsTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.StreamsTestSupport;
import dev.gampplanner.planner.aggregate.AggregatorInputs.Opened;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

class AggregatorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    @TempDir
    Path state;
    private GampConfig config;
    private TopicCatalog topics;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> coordinationIn;
    private TestOutputTopic<byte[], byte[]> coordinationOut;
    private TestOutputTopic<byte[], byte[]> merged;
    private TestOutputTopic<byte[], byte[]> late;
    private String urs;

    @BeforeEach
    void start() throws IOException {
        config = StreamsTestSupport.config(state);
        topics = config.topics();
        driver = newDriver(AggregatorTopology.Settings.from(config));
        urs = AggregatorInputs.urs();
    }

    /** Where the driver's wall clock started: the timers count from it. */
    private Instant wallClockStart;

    private TopologyTestDriver newDriver(AggregatorTopology.Settings settings) {
        wallClockStart = Instant.now();
        TopologyTestDriver created = StreamsTestSupport.driver(AggregatorTopology.build(topics, settings,
            new PlanAssembler(KNOWLEDGE.stamp()), Clock.systemUTC(), new PlannerMetrics(new SimpleMeterRegistry()), new PlanBacklog()), config,
            "aggregator-test", wallClockStart);
        coordinationIn = StreamsTestSupport.input(created, topics.coordination());
        coordinationOut = StreamsTestSupport.output(created, topics.coordination());
        merged = StreamsTestSupport.output(created, topics.merged());
        late = StreamsTestSupport.output(created, topics.lateResults());
        return created;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Opened open(Duration deadline) {
        return open(deadline, T0);
    }

    private Opened open(Duration deadline, Instant requestedAt) {
        return AggregatorInputs.open(topics, urs, deadline, requestedAt);
    }

    private void pipeOpened(Opened plan, Instant at) {
        coordinationIn.pipeInput(key(plan.id()), plan.opened().bytes(), at);
    }

    private byte[] result(Opened plan, AgentKind agent, ResultStatus status) {
        return AggregatorInputs.result(plan, agent, status);
    }

    private void pipeResult(Opened plan, AgentKind agent, byte[] result, Instant at) {
        StreamsTestSupport.input(driver, topics.agentResults(agent)).pipeInput(key(plan.id()), result, at);
    }

    private List<MergedPlan> plans() {
        return merged.readRecordsToList().stream().map(r -> AvroCodec.decode(r.value(), MergedPlan.class)).toList();
    }

    private List<LateResult> lateResults() {
        return late.readRecordsToList().stream().map(r -> AvroCodec.decode(r.value(), LateResult.class)).toList();
    }

    @Test
    void mergesOnePlanWhenEveryAgentHasAnsweredAndLinksEveryResultByDigest() {
        Opened plan = open(Duration.ofSeconds(30));
        pipeOpened(plan, T0);
        List<String> digests = new ArrayList<>();
        for (AgentKind agent : AgentKind.values()) {
            byte[] result = result(plan, agent, ResultStatus.SUCCEEDED);
            digests.add(Digests.sha256Hex(result));
            pipeResult(plan, agent, result, T0.plusMillis(100 + agent.ordinal()));
        }
        List<MergedPlan> answers = plans();
        assertThat(answers).hasSize(1);
        MergedPlan answer = answers.get(0);
        assertThat(answer.getStatus()).isEqualTo(PlanStatus.COMPLETE);
        assertThat(answer.getAgents()).extracting(AgentOutcome::getResultSha256).containsExactlyElementsOf(digests);
        assertThat(answer.getPlanOpenedSha256()).isEqualTo(plan.opened().sha256());
        assertThat(answer.getLatencyMs()).isEqualTo(102);
        assertThat(answer.getRequirements()).allSatisfy(r -> assertThat(r.getTestIds()).isNotEmpty());
        assertThat(answer.getTests()).filteredOn(t -> t.getStage() == TestStage.OQ).hasSizeBetween(15, 20);
        assertThat(coordinationOut.isEmpty()).isTrue();
    }

    @Test
    void aPlanTooLargeForARecordIsAnsweredFailedWithTheReasonAndTheNextPlanStillMerges() {
        Opened big = open(Duration.ofSeconds(30));
        pipeOpened(big, T0);
        for (AgentKind agent : AgentKind.values()) {
            byte[] result = agent == AgentKind.RESEARCH ? hugeResearchResult(big, 10_000_000) : result(big, agent, ResultStatus.SUCCEEDED);
            pipeResult(big, agent, result, T0.plusMillis(100));
        }
        Opened next = open(Duration.ofSeconds(30));
        pipeOpened(next, T0);
        for (AgentKind agent : AgentKind.values()) {
            pipeResult(next, agent, result(next, agent, ResultStatus.SUCCEEDED), T0.plusMillis(200));
        }
        List<MergedPlan> answers = plans();
        assertThat(answers).extracting(MergedPlan::getCorrelationId).containsExactly(big.id().toString(), next.id().toString());
        MergedPlan failed = answers.get(0);
        assertThat(failed.getStatus()).isEqualTo(PlanStatus.FAILED);
        assertThat(failed.getReviewReasons()).singleElement().asString().contains("cannot be written").contains("compressed");
        assertThat(failed.getAgents()).extracting(AgentOutcome::getStatus).containsOnly(AgentOutcomeStatus.SUCCEEDED);
        assertThat(failed.getAgents()).extracting(AgentOutcome::getResultSha256).doesNotContainNull();
        assertThat(failed.getResearch()).isNull();
        assertThat(AvroCodec.encode(failed).length).isLessThan(64 * 1024);
        assertThat(answers.get(1).getStatus()).isEqualTo(PlanStatus.COMPLETE);
    }

    /** A research result carrying {@code bytes} of random letters, which no compression shrinks. */
    private byte[] hugeResearchResult(Opened plan, int bytes) {
        Random random = new Random(7);
        List<String> chunks = new ArrayList<>();
        for (int written = 0; written < bytes; written += 10_000) {
            char[] chunk = new char[10_000];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (char) ('a' + random.nextInt(26));
            }
            chunks.add(new String(chunk));
        }
        AgentResult result = AvroCodec.decode(result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), AgentResult.class);
        result.setPayload(ResearchFindings.newBuilder().setCategory(4).setSystemTypes(chunks).setRequirementKinds(List.of())
            .setItems(List.of()).build());
        return AvroCodec.encode(result);
    }

    @Test
    void keepsTheFirstResultPerAgentAndRecordsEveryOtherAsLate() {
        Opened plan = open(Duration.ofSeconds(30));
        pipeOpened(plan, T0);
        byte[] first = result(plan, AgentKind.SME, ResultStatus.SUCCEEDED);
        pipeResult(plan, AgentKind.SME, first, T0.plusMillis(10));
        pipeResult(plan, AgentKind.SME, first, T0.plusMillis(20));
        pipeResult(plan, AgentKind.CONTEXT, result(plan, AgentKind.CONTEXT, ResultStatus.FAILED), T0.plusMillis(30));
        pipeResult(plan, AgentKind.RESEARCH, result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), T0.plusMillis(40));
        pipeResult(plan, AgentKind.RESEARCH, result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), T0.plusMillis(50));

        List<MergedPlan> answers = plans();
        assertThat(answers).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.PARTIAL);
            assertThat(p.getAgents().get(0).getStatus()).isEqualTo(AgentOutcomeStatus.FAILED);
            assertThat(p.getAgents().get(0).getError()).contains("BROKEN");
        });
        assertThat(lateResults()).extracting(LateResult::getCause)
            .containsExactly(LateCause.DUPLICATE, LateCause.AFTER_COMPLETION);
    }

    @Test
    void resultsThatArriveBeforeTheirPlanOpenedAreNotLost() {
        Opened plan = open(Duration.ofSeconds(30));
        for (AgentKind agent : AgentKind.values()) {
            pipeResult(plan, agent, result(plan, agent, ResultStatus.SUCCEEDED), T0.plusMillis(5));
        }
        assertThat(plans()).isEmpty();
        pipeOpened(plan, T0.plusMillis(10));
        assertThat(plans()).singleElement().extracting(MergedPlan::getStatus).isEqualTo(PlanStatus.COMPLETE);
    }

    @Test
    void atTheDeadlineWritesTheDecisionFirstAndClosesThePlanFromIt() {
        Opened plan = open(Duration.ofSeconds(2));
        pipeOpened(plan, T0);
        pipeResult(plan, AgentKind.CONTEXT, result(plan, AgentKind.CONTEXT, ResultStatus.SUCCEEDED), T0.plusMillis(10));
        pipeResult(plan, AgentKind.SME, result(plan, AgentKind.SME, ResultStatus.SUCCEEDED), T0.plusMillis(20));

        // The plan's deadline (T0 + 2 s) is long past by the wall clock: the next punctuation writes the
        // decision and closes the plan from it, as reading the decision back from plan.coordination would.
        driver.advanceWallClockTime(Duration.ofMillis(200));
        List<TestRecord<byte[], byte[]>> decisions = coordinationOut.readRecordsToList();
        assertThat(decisions).hasSize(1);
        DeadlineExpired expired = AvroCodec.decode(decisions.get(0).value(), DeadlineExpired.class);
        assertThat(expired.getMissingAgents()).containsExactly(AgentKind.RESEARCH);
        assertThat(expired.getReceivedResults()).hasSize(2);

        MergedPlan answer = plans().get(0);
        assertThat(answer.getStatus()).isEqualTo(PlanStatus.PARTIAL);
        assertThat(answer.getAgents().get(2).getStatus()).isEqualTo(AgentOutcomeStatus.TIMED_OUT);
        assertThat(answer.getDeadlineExpiredSha256()).isEqualTo(Digests.sha256Hex(decisions.get(0).value()));
        assertThat(answer.getCompletedAt().toEpochMilli()).isEqualTo(decisions.get(0).timestamp());

        pipeResult(plan, AgentKind.RESEARCH, result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), T0.plusMillis(2500));
        assertThat(plans()).isEmpty();
        assertThat(lateResults()).extracting(LateResult::getCause).containsExactly(LateCause.AFTER_DEADLINE);

        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertThat(coordinationOut.isEmpty()).isTrue();
    }

    @Test
    void aReplayWithoutAClockRebuildsTheSamePlanByteForByte() {
        Opened plan = open(Duration.ofSeconds(2));
        byte[] context = result(plan, AgentKind.CONTEXT, ResultStatus.SUCCEEDED);
        byte[] sme = result(plan, AgentKind.SME, ResultStatus.SUCCEEDED);
        pipeOpened(plan, T0);
        pipeResult(plan, AgentKind.CONTEXT, context, T0.plusMillis(10));
        pipeResult(plan, AgentKind.SME, sme, T0.plusMillis(20));
        driver.advanceWallClockTime(Duration.ofMillis(200));
        TestRecord<byte[], byte[]> decision = coordinationOut.readRecord();
        byte[] live = merged.readRecord().value();

        driver.close();
        driver = newDriver(AggregatorTopology.Settings.from(config).withoutDeadlines());
        // Replay in another order: the deadline decision before the results it names as received.
        pipeOpened(plan, T0);
        coordinationIn.pipeInput(decision.key(), decision.value(), decision.timestamp());
        pipeResult(plan, AgentKind.SME, sme, T0.plusMillis(20));
        assertThat(merged.isEmpty()).isTrue();
        pipeResult(plan, AgentKind.CONTEXT, context, T0.plusMillis(10));
        assertThat(merged.readRecord().value()).isEqualTo(live);
    }

    @Test
    void refusesResultsThatDoNotAnswerThePlannersRequests() {
        Opened plan = open(Duration.ofSeconds(30));
        Opened other = open(Duration.ofSeconds(30));
        pipeOpened(plan, T0);
        AgentResult forged = AvroCodec.decode(result(other, AgentKind.SME, ResultStatus.SUCCEEDED), AgentResult.class);
        forged.setCorrelationId(plan.id().toString());
        pipeResult(plan, AgentKind.SME, AvroCodec.encode(forged), T0.plusMillis(10));
        assertThat(lateResults()).extracting(LateResult::getCause).containsExactly(LateCause.DIGEST_MISMATCH);
        for (AgentKind agent : AgentKind.values()) {
            pipeResult(plan, agent, result(plan, agent, ResultStatus.SUCCEEDED), T0.plusMillis(20));
        }
        assertThat(plans()).singleElement().extracting(MergedPlan::getStatus).isEqualTo(PlanStatus.COMPLETE);
    }

    @Test
    void givesUpOnResultsWhosePlanNeverOpens() {
        Opened plan = open(Duration.ofSeconds(30));
        pipeResult(plan, AgentKind.SME, result(plan, AgentKind.SME, ResultStatus.SUCCEEDED), T0);
        driver.advanceWallClockTime(Duration.ofSeconds(61));
        assertThat(lateResults()).extracting(LateResult::getCause).containsExactly(LateCause.ORPHAN);
    }

    @Test
    void sleepsUntilTheEarliestTimerAndWakesForOneSetEarlier() {
        Instant now = wallClockStart;
        Opened late = open(Duration.ofSeconds(20), now);
        pipeOpened(late, now);
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        Opened early = open(Duration.ofSeconds(3), now);
        pipeOpened(early, now.plusSeconds(1));
        for (int i = 0; i < 15; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
        assertThat(coordinationOut.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(coordinationOut.readRecordsToList()).extracting(r -> AvroCodec.decode(r.value(), DeadlineExpired.class))
            .extracting(DeadlineExpired::getCorrelationId).containsExactly(early.id().toString());
        driver.advanceWallClockTime(Duration.ofSeconds(17));
        assertThat(coordinationOut.readRecordsToList()).extracting(r -> AvroCodec.decode(r.value(), DeadlineExpired.class))
            .extracting(DeadlineExpired::getCorrelationId).containsExactly(late.id().toString());
    }

    @Test
    void aCrowdOfPlansFallingDueTogetherIsClosedAheadSoEachIsAnsweredByItsDeadline() {
        Instant now = wallClockStart;
        List<Opened> crowd = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Opened plan = open(Duration.ofSeconds(10), now);
            pipeOpened(plan, now);
            crowd.add(plan);
        }
        Opened alone = open(Duration.ofSeconds(20), now);
        pipeOpened(alone, now);
        // In steps short beside a close's real cost, so that the driver's clock does not run ahead of the closes.
        for (int i = 0; i < 1_100; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(10));
        }

        List<DeadlineExpired> decisions = coordinationOut.readRecordsToList().stream()
            .map(r -> AvroCodec.decode(r.value(), DeadlineExpired.class)).toList();
        assertThat(decisions).hasSize(crowd.size());
        assertThat(decisions).allSatisfy(d -> assertThat(d.getDecidedAt()).isBeforeOrEqualTo(d.getDeadline())
            .isAfterOrEqualTo(d.getDeadline().minus(config.deadlineMaxLead())));
        // 150 closes of at least the first estimate (5 ms, counted half again) ahead of the last: over a second.
        assertThat(decisions.get(0).getDecidedAt()).as("the first of the crowd, closed furthest ahead")
            .isBefore(decisions.get(0).getDeadline().minusSeconds(1));
        List<MergedPlan> answers = plans();
        assertThat(answers).hasSize(crowd.size()).allSatisfy(plan -> {
            assertThat(plan.getStatus()).isEqualTo(PlanStatus.FAILED);
            assertThat(plan.getCompletedAt()).isBeforeOrEqualTo(plan.getDeadline());
        });
        assertThat(answers.get(0).getAgents()).extracting(AgentOutcome::getError)
            .allSatisfy(reason -> assertThat(reason).contains("ahead of its deadline", "so as to be answered by it"));

        for (int i = 0; i < 100; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
        DeadlineExpired lone = AvroCodec.decode(coordinationOut.readRecord().value(), DeadlineExpired.class);
        assertThat(lone.getCorrelationId()).isEqualTo(alone.id().toString());
        assertThat(Duration.between(lone.getDecidedAt(), lone.getDeadline())).as("a plan alone, closed about at its deadline")
            .isBetween(Duration.ZERO, config.deadlineCheckInterval());
    }

    @Test
    void withoutALeadEveryPlanIsClosedAtItsDeadline() {
        driver.close();
        AggregatorTopology.Settings settings = AggregatorTopology.Settings.from(config);
        driver = newDriver(new AggregatorTopology.Settings(true, settings.checkInterval(), Duration.ZERO, settings.orphanTimeout(),
            settings.planRetention(), settings.commitInterval()));
        Instant now = wallClockStart;
        for (int i = 0; i < 20; i++) {
            pipeOpened(open(Duration.ofSeconds(2), now), now);
        }
        for (int i = 0; i < 40; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(100));
        }
        assertThat(coordinationOut.readRecordsToList()).hasSize(20)
            .extracting(r -> AvroCodec.decode(r.value(), DeadlineExpired.class))
            .allSatisfy(d -> assertThat(d.getDecidedAt()).isAfterOrEqualTo(d.getDeadline()));
    }

    @Test
    void anInputThatFailsWhileDecidedLeavesThePlanAsItWas() {
        Opened plan = open(Duration.ofSeconds(30));
        byte[] sme = result(plan, AgentKind.SME, ResultStatus.SUCCEEDED);
        pipeResult(plan, AgentKind.SME, sme, T0);
        // A PlanOpened expecting no agent would turn the held result away, then fail to decide the plan.
        PlanOpened broken = PlanOpened.newBuilder(plan.opened().record()).setExpectedAgents(List.of()).build();
        coordinationIn.pipeInput(key(plan.id()), AvroCodec.encode(broken), T0.plusMillis(5));
        assertThat(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.coordination() + ".dlq"))).hasSize(1);
        assertThat(lateResults()).isEmpty();

        pipeOpened(plan, T0.plusMillis(10));
        for (AgentKind agent : List.of(AgentKind.CONTEXT, AgentKind.RESEARCH)) {
            pipeResult(plan, agent, result(plan, agent, ResultStatus.SUCCEEDED), T0.plusMillis(20));
        }
        assertThat(plans()).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(p.getAgents()).filteredOn(o -> o.getAgent() == AgentKind.SME).singleElement()
                .extracting(AgentOutcome::getResultSha256).isEqualTo(Digests.sha256Hex(sme));
        });
        assertThat(lateResults()).isEmpty();
    }

    @Test
    void carriesOverResultsThatStateOfTheFirstFormatHeldInline() {
        Opened plan = open(Duration.ofSeconds(30));
        pipeOpened(plan, T0);
        byte[] sme = result(plan, AgentKind.SME, ResultStatus.SUCCEEDED);
        KeyValueStore<String, PlanState> store = driver.getKeyValueStore(AggregatorTopology.PLANS_STORE);
        PlanState state = store.get(plan.id().toString());
        state.setResults(List.of(new HeldResult(AvroCodec.decode(sme, AgentResult.class), Digests.sha256Hex(sme),
            topics.agentResults(AgentKind.SME), 0, 7L, T0.plusMillis(10).toEpochMilli())));
        store.put(plan.id().toString(), state);

        pipeResult(plan, AgentKind.CONTEXT, result(plan, AgentKind.CONTEXT, ResultStatus.SUCCEEDED), T0.plusMillis(20));
        pipeResult(plan, AgentKind.RESEARCH, result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), T0.plusMillis(30));

        assertThat(plans()).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(p.getAgents()).filteredOn(o -> o.getAgent() == AgentKind.SME).singleElement()
                .extracting(AgentOutcome::getResultSha256).isEqualTo(Digests.sha256Hex(sme));
            assertThat(p.getRequirements()).allSatisfy(r -> assertThat(r.getRiskLevel()).isEqualTo(RiskLevel.HIGH));
        });
        assertThat(lateResults()).isEmpty();
    }
}
