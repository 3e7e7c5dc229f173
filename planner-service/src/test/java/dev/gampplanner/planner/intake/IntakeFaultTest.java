package dev.gampplanner.planner.intake;

import static dev.gampplanner.planner.StreamsTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.DeadLetterCheck;
import dev.gampplanner.planner.Fault;
import dev.gampplanner.planner.FaultyMeters;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.StreamsTestSupport;
import dev.gampplanner.planner.category.Categorizer;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * A defect at each step of the intake: the request goes to plan.requests.dlq with its reason, the window of correlation
 * ids in use and every output topic are as they were, and the same request sent again is answered.
 */
class IntakeFaultTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    /**
     * Where a request can fail after it is decoded, and what its DLQ copy says. (An undecodable request never reaches
     * the intake; the test driver does not write the deserialisation handler's DLQ copy, so that step is shown on a
     * broker, by {@code FaultOnBrokerTest}.)
     */
    enum Step {
        CATEGORISING("injected fault in categorising"),
        CHOOSING_THE_STRATEGY("injected fault in choosing the strategy"),
        ENCODING_THE_PLAN_OPENED("null value for (non-nullable) string at PlanOpened.strategy.name"),
        COUNTING_AN_ACCEPTED_REQUEST("injected fault in gamp.requests"),
        COUNTING_A_REJECTED_REQUEST("injected fault in gamp.rejections");

        final String message;

        Step(String message) {
            this.message = message;
        }
    }

    @TempDir
    Path state;
    private final Fault categorising = new Fault("categorising");
    private final Fault choosingStrategy = new Fault("choosing the strategy");
    private final Fault unencodableStrategy = new Fault("the strategy record");
    private final FaultyMeters meters = new FaultyMeters();
    private TopologyTestDriver driver;
    private TopicCatalog topics;
    private TestInputTopic<byte[], byte[]> requests;
    private String urs;

    @BeforeEach
    void start() throws IOException {
        GampConfig config = StreamsTestSupport.config(state);
        topics = config.topics();
        Categorizer categorizer = new Categorizer(KNOWLEDGE.categorization());
        Intake intake = new Intake(KNOWLEDGE.stamp(),
            (document, submitted) -> {
                categorising.raiseIfArmed();
                return categorizer.categorise(document, submitted);
            },
            category -> {
                choosingStrategy.raiseIfArmed();
                TestStrategy strategy = KNOWLEDGE.strategies().forCategory(category);
                if (unencodableStrategy.fires()) {
                    // A strategy missing a field its schema requires, as a knowledge file with a gap would give.
                    strategy.setName(null);
                }
                return strategy;
            },
            Duration.ofSeconds(30), Duration.ofHours(24), UrsLimits.DEFAULT);
        driver = StreamsTestSupport.driver(IntakeTopology.build(config, intake, new PlannerMetrics(meters), new PlanBacklog()), config, "intake-fault-test",
            NOW);
        requests = StreamsTestSupport.input(driver, topics.planRequests());
        urs = Files.readString(Path.of("..", "examples", "urs", "URS-001.md"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aRequestThatFailsLeavesNothingBehindButItsDlqCopyAndIsAnsweredWhenSentAgain(Step step) {
        // Another plan is open, so the window holds an id to keep.
        requests.pipeInput(key(CorrelationId.random()), valid(), NOW);
        assertThat(forwarded()).hasSize(1 + AgentKind.values().length);
        Map<Windowed<String>, String> window = window();

        CorrelationId id = CorrelationId.random();
        byte[] failing = failingAt(step);
        requests.pipeInput(key(id), failing, NOW.plusMillis(10));

        assertThat(window()).isEqualTo(window);
        assertThat(forwarded()).isEmpty();
        DeadLetterCheck.assertDeadLettered(driver, topics.planRequests(), key(id), failing, DeadLetters.PROCESSING_ERROR,
            step.message);

        // Sent again, the request opens its plan: its id was not taken by the attempt that failed.
        requests.pipeInput(key(id), valid(), NOW.plusMillis(20));
        List<TestRecord<byte[], byte[]>> answer = forwarded();
        assertThat(answer).hasSize(1 + AgentKind.values().length);
        PlanOpened opened = AvroCodec.decode(answer.get(0).value(), PlanOpened.class);
        assertThat(opened.getCorrelationId()).isEqualTo(id.toString());
        assertThat(window()).hasSize(window.size() + 1);
    }

    private byte[] failingAt(Step step) {
        switch (step) {
            case CATEGORISING -> categorising.arm();
            case CHOOSING_THE_STRATEGY -> choosingStrategy.arm();
            case ENCODING_THE_PLAN_OPENED -> unencodableStrategy.arm();
            case COUNTING_AN_ACCEPTED_REQUEST -> meters.fault("gamp.requests").arm();
            case COUNTING_A_REJECTED_REQUEST -> {
                meters.fault("gamp.rejections").arm();
                return AvroCodec.encode(PlanRequest.newBuilder(request()).setDeadline(NOW.minusSeconds(60)).build());
            }
            default -> throw new IllegalArgumentException(step.name());
        }
        return valid();
    }

    private PlanRequest request() {
        return PlanRequest.newBuilder().setSource("URS-001.md").setUrs(urs).build();
    }

    private byte[] valid() {
        return AvroCodec.encode(request());
    }

    /** Everything the intake wrote since last asked, PlanOpened first. */
    private List<TestRecord<byte[], byte[]>> forwarded() {
        List<TestRecord<byte[], byte[]>> records = new ArrayList<>(StreamsTestSupport.drain(
            StreamsTestSupport.output(driver, topics.coordination())));
        for (AgentKind agent : AgentKind.values()) {
            records.addAll(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.agentRequests(agent))));
        }
        records.addAll(StreamsTestSupport.drain(StreamsTestSupport.output(driver, topics.rejected())));
        return records;
    }

    private Map<Windowed<String>, String> window() {
        WindowStore<String, String> store = driver.getWindowStore(IntakeTopology.SEEN_STORE);
        Map<Windowed<String>, String> entries = new LinkedHashMap<>();
        try (KeyValueIterator<Windowed<String>, String> all = store.all()) {
            all.forEachRemaining((KeyValue<Windowed<String>, String> entry) -> entries.put(entry.key, entry.value));
        }
        return entries;
    }
}
