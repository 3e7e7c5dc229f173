package dev.gampplanner.planner.aggregate;

import static dev.gampplanner.planner.StreamsTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.DeadLetterCheck;
import dev.gampplanner.planner.Fault;
import dev.gampplanner.planner.FaultyMeters;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.StreamsTestSupport;
import dev.gampplanner.planner.aggregate.AggregatorInputs.Opened;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.state.PlanState;

/**
 * A defect at each step of the aggregator: the input goes to its topic's DLQ with its reason, the stores and the
 * output topics are as they were, and the plan's later records still close it as they should. Every plan's deadline
 * (at T0 + 30 s) is long past by the wall clock, so the driver's next check times out whatever is still open.
 */
class AggregatorFaultTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final List<String> STORES = List.of(AggregatorTopology.PLANS_STORE, AggregatorTopology.RESULTS_STORE,
        AggregatorTopology.EMITTED_STORE, AggregatorTopology.TIMERS_STORE);

    /** A record of one of the aggregator's inputs. */
    private record Input(String topic, byte[] key, byte[] value, Instant at) {
    }

    /**
     * One step's case: what the plan has read before, the fault to arm, the input that meets it, what its DLQ copy
     * says, and how the plan goes on (given the failed input) to close with {@code closesAs}.
     */
    private record Case(List<Input> before, Fault fault, Supplier<Input> failing, String reason, String message,
                        Consumer<Input> after, PlanStatus closesAs) {
    }

    /** Where an input can fail. */
    enum Step {
        VALIDATING_THE_KEY,
        VALIDATING_THE_TOPIC,
        REFUSING_A_SECOND_PLAN_OPENED,
        OPENING_THE_PLAN,
        HOLDING_A_RESULT_BEFORE_ITS_PLAN,
        COUNTING_A_LATE_RESULT,
        ASSEMBLING_THE_PLAN,
        SCHEDULING_THE_PLANS_FORGETTING,
        COUNTING_THE_PLAN,
        CLOSING_THE_PLAN_AT_ITS_DEADLINE
    }

    @TempDir
    Path state;
    private final Fault assembling = new Fault("assembling the plan");
    private final Fault clockReading = new Fault("the clock");
    private final FaultyMeters meters = new FaultyMeters();
    private TopicCatalog topics;
    private TopologyTestDriver driver;
    private Opened plan;
    private Opened other;

    @BeforeEach
    void start() {
        GampConfig config = StreamsTestSupport.config(state);
        topics = config.topics();
        PlanAssembler assembler = new FaultyAssembler(assembling);
        driver = StreamsTestSupport.driver(AggregatorTopology.build(topics, AggregatorTopology.Settings.from(config), assembler,
            new FaultyClock(clockReading), new PlannerMetrics(meters), new PlanBacklog()), config, "aggregator-fault-test");
        plan = AggregatorInputs.open(topics, AggregatorInputs.urs(), Duration.ofSeconds(30), T0);
        other = AggregatorInputs.open(topics, AggregatorInputs.urs(), Duration.ofSeconds(30), T0);
        // Another plan is open and holds a result, so the stores hold more than the plan under test.
        pipe(opened(other, T0));
        pipe(result(other, AgentKind.SME, T0.plusMillis(5)));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void anInputThatFailsLeavesNothingBehindButItsDlqCopyAndThePlanStillCloses(Step step) {
        Case c = caseOf(step);
        c.before().forEach(this::pipe);
        assertThat(merged()).isEmpty();
        drainOutputs();
        Map<String, Map<Object, Object>> stores = stores();

        Input failing = c.failing().get();
        if (c.fault() != null) {
            c.fault().arm();
        }
        pipe(failing);

        assertThat(stores()).isEqualTo(stores);
        assertThat(drainOutputs()).isEmpty();
        DeadLetterCheck.assertDeadLettered(driver, failing.topic(), failing.key(), failing.value(), c.reason(), c.message());

        c.after().accept(failing);
        assertThat(merged()).filteredOn(p -> p.getCorrelationId().equals(plan.id().toString()))
            .extracting(MergedPlan::getStatus).containsExactly(c.closesAs());
        DeadLetterCheck.assertNothingDeadLettered(driver, inputTopics());
    }

    private Case caseOf(Step step) {
        Instant t = T0.plusMillis(100);
        List<Input> openedWithContext = List.of(opened(plan, T0), result(plan, AgentKind.CONTEXT, T0.plusMillis(10)));
        List<Input> allButResearch = List.of(opened(plan, T0), result(plan, AgentKind.CONTEXT, T0.plusMillis(10)),
            result(plan, AgentKind.SME, T0.plusMillis(20)));
        Consumer<Input> smeAndResearch = failed -> {
            pipe(result(plan, AgentKind.SME, t.plusMillis(10)));
            pipe(result(plan, AgentKind.RESEARCH, t.plusMillis(20)));
        };
        Consumer<Input> replayed = this::pipe;
        return switch (step) {
            case VALIDATING_THE_KEY -> {
                AgentResult misaddressed = AvroCodec.decode(AggregatorInputs.result(plan, AgentKind.SME, ResultStatus.SUCCEEDED), AgentResult.class);
                misaddressed.setCorrelationId(other.id().toString());
                yield new Case(openedWithContext, null, () -> new Input(topics.agentResults(AgentKind.SME), key(plan.id()),
                    AvroCodec.encode(misaddressed), t), "INVALID_KEY", "is not the record's correlation id", smeAndResearch,
                    PlanStatus.COMPLETE);
            }
            case VALIDATING_THE_TOPIC -> new Case(openedWithContext, null, () -> new Input(topics.agentResults(AgentKind.SME),
                key(plan.id()), AggregatorInputs.result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED), t), "WRONG_RECORD_TYPE",
                "result arrived on " + topics.agentResults(AgentKind.SME), smeAndResearch, PlanStatus.COMPLETE);
            case REFUSING_A_SECOND_PLAN_OPENED -> new Case(openedWithContext, null, () -> opened(plan, t), "WRONG_RECORD_TYPE",
                "a second PlanOpened", smeAndResearch, PlanStatus.COMPLETE);
            case OPENING_THE_PLAN -> new Case(List.of(), clockReading, () -> opened(plan, T0), DeadLetters.PROCESSING_ERROR,
                "injected fault in the clock", failed -> {
                    answerEveryAgent(t);
                    // The results wait for their PlanOpened; replayed from the DLQ, it opens and completes the plan.
                    assertThat(merged()).isEmpty();
                    replayed.accept(failed);
                }, PlanStatus.COMPLETE);
            case HOLDING_A_RESULT_BEFORE_ITS_PLAN -> new Case(List.of(), clockReading, () -> result(plan, AgentKind.CONTEXT, T0),
                DeadLetters.PROCESSING_ERROR, "injected fault in the clock", failed -> {
                    pipe(opened(plan, T0));
                    replayed.accept(failed);
                    smeAndResearch.accept(failed);
                }, PlanStatus.COMPLETE);
            case COUNTING_A_LATE_RESULT -> new Case(openedWithContext, meters.fault("gamp.late.results"),
                () -> result(plan, AgentKind.CONTEXT, t), DeadLetters.PROCESSING_ERROR, "injected fault in gamp.late.results",
                smeAndResearch, PlanStatus.COMPLETE);
            case ASSEMBLING_THE_PLAN -> new Case(allButResearch, assembling, () -> result(plan, AgentKind.RESEARCH, t),
                DeadLetters.PROCESSING_ERROR, "injected fault in assembling the plan", failed -> {
                    // The research result is not held, so the deadline closes the plan without it.
                    driver.advanceWallClockTime(Duration.ofMillis(200));
                    assertThat(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.coordination())))
                        .extracting(r -> AvroCodec.decode(r.value(), DeadlineExpired.class).getMissingAgents())
                        .contains(List.of(AgentKind.RESEARCH));
                }, PlanStatus.PARTIAL);
            case SCHEDULING_THE_PLANS_FORGETTING -> new Case(allButResearch, clockReading, () -> result(plan, AgentKind.RESEARCH, t),
                DeadLetters.PROCESSING_ERROR, "injected fault in the clock", replayed, PlanStatus.COMPLETE);
            case COUNTING_THE_PLAN -> new Case(allButResearch, meters.fault("gamp.plans"), () -> result(plan, AgentKind.RESEARCH, t),
                DeadLetters.PROCESSING_ERROR, "injected fault in gamp.plans", replayed, PlanStatus.COMPLETE);
            case CLOSING_THE_PLAN_AT_ITS_DEADLINE -> new Case(allButResearch, assembling, () -> deadlineExpired(t),
                DeadLetters.PROCESSING_ERROR, "injected fault in assembling the plan", failed -> {
                    // The decision stands on plan.coordination (a replay of the topics closes the plan with it); live,
                    // the plan is closed when the decision's DLQ copy is replayed.
                    assertThat(merged()).isEmpty();
                    replayed.accept(failed);
                }, PlanStatus.PARTIAL);
        };
    }

    /** The deadline decision the timer would write now: the research agent is missing. */
    private Input deadlineExpired(Instant at) {
        PlanState current = driver.<String, PlanState>getKeyValueStore(AggregatorTopology.PLANS_STORE).get(plan.id().toString());
        DeadlineExpired decision = DeadlineDecision.of(plan.id().toString(), current, at.toEpochMilli());
        assertThat(decision.getMissingAgents()).containsExactly(AgentKind.RESEARCH);
        return new Input(topics.coordination(), key(plan.id()), AvroCodec.encode(decision), at);
    }

    @Test
    void aDeadlineWhoseDecisionFailsStaysDueAndIsDecidedAtTheNextCheckWhileTheOtherPlansGoOn() {
        // Requested a second before the other plan, so its deadline falls due first.
        plan = AggregatorInputs.open(topics, AggregatorInputs.urs(), Duration.ofSeconds(30), T0.minusSeconds(1));
        pipe(opened(plan, T0.minusSeconds(1)));
        pipe(result(plan, AgentKind.CONTEXT, T0.plusMillis(10)));
        drainOutputs();
        Map<String, Object> before = planEntries(plan);
        meters.fault("gamp.deadlines.expired").arm();

        // Both deadlines are due; the decision of the first fails.
        driver.advanceWallClockTime(Duration.ofMillis(200));
        assertThat(planEntries(plan)).isEqualTo(before);
        assertThat(merged()).extracting(MergedPlan::getCorrelationId, MergedPlan::getStatus)
            .containsExactly(tuple(other.id().toString(), PlanStatus.PARTIAL));
        assertThat(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.coordination())))
            .extracting(r -> AvroCodec.decode(r.value(), DeadlineExpired.class).getCorrelationId())
            .containsExactly(other.id().toString());
        assertThat(meters.get("gamp.timer.failures").tag("kind", "deadline").counter().count()).isEqualTo(1);
        // A timer has no input record: nothing goes to a DLQ.
        DeadLetterCheck.assertNothingDeadLettered(driver, inputTopics());

        driver.advanceWallClockTime(Duration.ofMillis(200));
        List<MergedPlan> closed = merged();
        assertThat(closed).extracting(MergedPlan::getCorrelationId, MergedPlan::getStatus)
            .containsExactly(tuple(plan.id().toString(), PlanStatus.PARTIAL));
        assertThat(closed.get(0).getAgents()).extracting(AgentOutcome::getStatus)
            .containsExactly(AgentOutcomeStatus.SUCCEEDED, AgentOutcomeStatus.TIMED_OUT, AgentOutcomeStatus.TIMED_OUT);
    }

    private void answerEveryAgent(Instant at) {
        for (AgentKind agent : AgentKind.values()) {
            pipe(result(plan, agent, at));
        }
    }

    private Input opened(Opened opened, Instant at) {
        return new Input(topics.coordination(), key(opened.id()), opened.opened().bytes(), at);
    }

    private Input result(Opened opened, AgentKind agent, Instant at) {
        return new Input(topics.agentResults(agent), key(opened.id()), AggregatorInputs.result(opened, agent, ResultStatus.SUCCEEDED), at);
    }

    private void pipe(Input input) {
        StreamsTestSupport.input(driver, input.topic()).pipeInput(input.key(), input.value(), input.at());
    }

    private List<MergedPlan> merged() {
        return StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.merged())).stream()
            .map(r -> AvroCodec.decode(r.value(), MergedPlan.class)).toList();
    }

    /** Everything the aggregator wrote since last asked. */
    private List<TestRecord<byte[], byte[]>> drainOutputs() {
        List<TestRecord<byte[], byte[]>> written = new ArrayList<>();
        for (String topic : List.of(topics.merged(), topics.lateResults(), topics.coordination())) {
            written.addAll(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topic)));
        }
        return written;
    }

    private List<String> inputTopics() {
        List<String> inputs = new ArrayList<>(List.of(topics.coordination()));
        for (AgentKind agent : AgentKind.values()) {
            inputs.add(topics.agentResults(agent));
        }
        return inputs;
    }

    /** Every entry of every store of the aggregator, by store. */
    private Map<String, Map<Object, Object>> stores() {
        Map<String, Map<Object, Object>> stores = new LinkedHashMap<>();
        for (String name : STORES) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
            try (KeyValueIterator<Object, Object> all = store.all()) {
                all.forEachRemaining(entry -> entries.put(entry.key, entry.value instanceof byte[] bytes ? Bytes.wrap(bytes) : entry.value));
            }
            stores.put(name, entries);
        }
        return stores;
    }

    /** The stores' entries of one plan. */
    private Map<String, Object> planEntries(Opened opened) {
        String id = opened.id().toString();
        Map<String, Object> entries = new LinkedHashMap<>();
        stores().forEach((store, all) -> all.forEach((key, value) -> {
            String name = key instanceof Bytes bytes ? new String(bytes.get(), StandardCharsets.UTF_8) : key.toString();
            if (name.contains(id)) {
                entries.put(store + ":" + name, value);
            }
        }));
        return entries;
    }

    /** The system clock, with a fault planted in it. */
    private static final class FaultyClock extends Clock {

        private final Fault fault;

        FaultyClock(Fault fault) {
            this.fault = fault;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the aggregator reads instants only");
        }

        @Override
        public Instant instant() {
            fault.raiseIfArmed();
            return Instant.now();
        }
    }
}
