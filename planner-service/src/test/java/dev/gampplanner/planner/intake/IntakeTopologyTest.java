package dev.gampplanner.planner.intake;

import static dev.gampplanner.planner.StreamsTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.PlannerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.gampplanner.planner.StreamsTestSupport;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.testing.LimitUrs;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.RejectionReason;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;

class IntakeTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private final AtomicLong nanoTime = new AtomicLong();
    private final PlanBacklog backlog = new PlanBacklog(nanoTime::get);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private TopicCatalog topics;
    private TestInputTopic<byte[], byte[]> requests;
    private TestOutputTopic<byte[], byte[]> opened;
    private TestOutputTopic<byte[], byte[]> rejected;
    private String urs001;

    @BeforeEach
    void start() throws IOException {
        GampConfig config = StreamsTestSupport.config(state);
        topics = config.topics();
        backlog.bindTo(metrics);
        driver = StreamsTestSupport.driver(IntakeTopology.build(config, new Intake(KNOWLEDGE, Duration.ofSeconds(30),
            Duration.ofHours(24), UrsLimits.DEFAULT), new PlannerMetrics(metrics), backlog), config, "intake-test", NOW);
        requests = StreamsTestSupport.input(driver, topics.planRequests());
        opened = StreamsTestSupport.output(driver, topics.coordination());
        rejected = StreamsTestSupport.output(driver, topics.rejected());
        urs001 = Files.readString(Path.of("..", "examples", "urs", "URS-001.md"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static PlanRequest request(String urs, Integer category, Instant deadline) {
        return PlanRequest.newBuilder().setSource("URS-001.md").setUrs(urs).setGampCategory(category).setDeadline(deadline)
            .setSubmittedBy("lims-gateway").setLabels(Map.of("site", "Basel")).build();
    }

    @Test
    void opensThePlanAndFansOutToEveryAgentWithDigestsThatLinkThem() {
        CorrelationId id = CorrelationId.random();
        byte[] value = AvroCodec.encode(request(urs001, null, null));
        requests.pipeInput(key(id), value, NOW);

        TestRecord<byte[], byte[]> record = opened.readRecord();
        PlanOpened plan = AvroCodec.decode(record.value(), PlanOpened.class);
        assertThat(plan.getCorrelationId()).isEqualTo(id.toString());
        assertThat(plan.getRequestSha256()).isEqualTo(Digests.sha256Hex(value));
        assertThat(plan.getCategory().getCategory()).isEqualTo(3);
        assertThat(plan.getStrategy().getOqTestsMin()).isEqualTo(5);
        assertThat(plan.getRequirements()).hasSize(15);
        assertThat(plan.getDeadline()).isEqualTo(NOW.plusSeconds(30));
        assertThat(plan.getLabels()).containsEntry("site", "Basel");
        for (AgentKind agent : AgentKind.values()) {
            List<TestRecord<byte[], byte[]>> sent = StreamsTestSupport.output(driver, topics.agentRequests(agent)).readRecordsToList();
            assertThat(sent).hasSize(1);
            AgentRequest agentRequest = AvroCodec.decode(sent.get(0).value(), AgentRequest.class);
            assertThat(agentRequest.getAgent()).isEqualTo(agent);
            assertThat(agentRequest.getPlanRequestSha256()).isEqualTo(plan.getRequestSha256());
            assertThat(plan.getAgentRequests()).contains(new AgentRequestRef(agent, Digests.sha256Hex(sent.get(0).value())));
        }
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void rejectsEachKindOfInvalidRequestOnceWithItsReason() {
        String big = "x".repeat(1024 * 1024 + 1);
        assertRejected(key(CorrelationId.random()), request("   ", null, null), "EMPTY_URS");
        assertRejected(key(CorrelationId.random()), request(big, null, null), "URS_TOO_LARGE");
        assertRejected(key(CorrelationId.random()), request(urs001, 2, null), "UNKNOWN_CATEGORY");
        assertRejected(key(CorrelationId.random()), request(urs001, 7, null), "UNKNOWN_CATEGORY");
        assertRejected(key(CorrelationId.random()), request(urs001, null, NOW.minusSeconds(60)), "DEADLINE_PASSED");
        assertRejected(key(CorrelationId.random()), request(urs001, null, NOW.plus(Duration.ofDays(3))), "DEADLINE_TOO_FAR");
        assertRejected(key("not-a-uuid"), request(urs001, null, null), "INVALID_CORRELATION_ID");
        assertRejected(null, request(urs001, null, null), "MISSING_KEY");
        assertThat(opened.isEmpty()).isTrue();
    }

    @Test
    void acceptsAUrsAtEachLimitAndRejectsOneBeyondIt() {
        UrsLimits limits = UrsLimits.DEFAULT;
        assertAccepted(LimitUrs.ofBytes(limits.maxBytes()));
        assertRejected(key(CorrelationId.random()), request(LimitUrs.ofBytes(limits.maxBytes() + 1), null, null), "URS_TOO_LARGE");
        assertAccepted(LimitUrs.of(limits.maxRequirements(), 0, 80));
        assertRejected(key(CorrelationId.random()), request(LimitUrs.of(limits.maxRequirements() + 1, 0, 80), null, null),
            "TOO_MANY_REQUIREMENTS");
        assertAccepted(LimitUrs.withLineOf(limits.maxLineLength()));
        assertRejected(key(CorrelationId.random()), request(LimitUrs.withLineOf(limits.maxLineLength() + 1), null, null),
            "LINE_TOO_LONG");
        assertAccepted(LimitUrs.of(1, limits.maxDetailLines(), 80));
        assertRejected(key(CorrelationId.random()), request(LimitUrs.of(1, limits.maxDetailLines() + 1, 80), null, null),
            "TOO_MANY_DETAIL_LINES");
        assertAccepted(LimitUrs.largest(limits));
    }

    @Test
    void rejectsLabelsAndSubmittersBeyondTheirLimits() {
        PlanRequest manyLabels = PlanRequest.newBuilder(request(urs001, null, null))
            .setLabels(IntStream.range(0, Intake.MAX_LABELS + 1).boxed()
                .collect(Collectors.toMap(i -> "label-" + i, i -> "value")))
            .build();
        assertRejected(key(CorrelationId.random()), manyLabels, "INVALID_LABELS");
        PlanRequest longValue = PlanRequest.newBuilder(request(urs001, null, null))
            .setLabels(Map.of("site", "x".repeat(Intake.MAX_LABEL_VALUE_LENGTH + 1))).build();
        assertRejected(key(CorrelationId.random()), longValue, "INVALID_LABELS");
        PlanRequest longSubmitter = PlanRequest.newBuilder(request(urs001, null, null))
            .setSubmittedBy("x".repeat(Intake.MAX_SUBMITTED_BY_LENGTH + 1)).build();
        assertRejected(key(CorrelationId.random()), longSubmitter, "INVALID_SUBMITTED_BY");
    }

    @Test
    void rejectsASecondRequestWithACorrelationIdAlreadyInUse() {
        CorrelationId id = CorrelationId.random();
        requests.pipeInput(key(id), AvroCodec.encode(request(urs001, null, null)), NOW);
        assertThat(opened.readRecordsToList()).hasSize(1);
        assertRejected(key(id), request(urs001, 3, null), "DUPLICATE_CORRELATION_ID");
    }

    @Test
    void aRequestReachedTooLateForItsDeadlineIsRejectedAtOnceSayingHowFarBehindThePlannerWas() {
        // A short deadline the submitter chose, reached at once: opened.
        requests.pipeInput(key(CorrelationId.random()), AvroCodec.encode(request(urs001, null, NOW.plusSeconds(1))), NOW);
        assertThat(opened.readRecordsToList()).hasSize(1);
        for (AgentKind agent : AgentKind.values()) {
            assertThat(StreamsTestSupport.output(driver, topics.agentRequests(agent)).readRecordsToList()).hasSize(1);
        }
        // The planner reaches these requests 29.5 s after they arrived: 0.5 s before their 30 s deadline, less than the
        // 3 s a plan needs; then 31 s after, past the deadline.
        driver.advanceWallClockTime(Duration.ofMillis(29_500));
        byte[] unreachable = key(CorrelationId.random());
        assertThat(assertRejected(unreachable, request(urs001, null, null), "DEADLINE_UNREACHABLE").getMessage())
            .contains("after it arrived", "before its deadline " + NOW.plusSeconds(30), "GAMP_INTAKE_MIN_TIME_LEFT");
        driver.advanceWallClockTime(Duration.ofMillis(1_500));
        assertThat(assertRejected(key(CorrelationId.random()), request(urs001, null, null), "DEADLINE_PASSED").getMessage())
            .contains("after it arrived", "after its deadline " + NOW.plusSeconds(30));
        assertThat(opened.isEmpty()).isTrue();
        for (AgentKind agent : AgentKind.values()) {
            assertThat(StreamsTestSupport.output(driver, topics.agentRequests(agent)).isEmpty()).as(agent.name()).isTrue();
        }
        // The rejected id stays taken.
        assertRejected(unreachable, request(urs001, null, null), "DUPLICATE_CORRELATION_ID");
        // A request with time enough is opened as before.
        requests.pipeInput(key(CorrelationId.random()), AvroCodec.encode(request(urs001, null, NOW.plusSeconds(60))), NOW);
        assertThat(opened.readRecordsToList()).hasSize(1);
    }

    /** 390 plans open, 1,560 inputs, 7.8 s ahead. */
    private void fallBehind() {
        // 400 plans opened, each waiting for a PlanOpened and three results; the aggregator has taken 40 inputs, working
        // 5 ms on each, and answered the 10 plans they completed.
        for (int i = 0; i < 400; i++) {
            backlog.opened();
        }
        nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
        for (int i = 0; i < 40; i++) {
            backlog.took();
        }
        backlog.worked(Duration.ofMillis(200).toNanos(), 40);
        for (int i = 0; i < 10; i++) {
            backlog.answered(0);
        }
        assertThat(backlog.ahead()).isEqualTo(Duration.ofMillis(7_800));
    }

    @Test
    void holdsWhatThePlansAheadLeaveTooLittleTimeForAndRefusesItOnceItCanWaitNoLonger() {
        fallBehind();
        // Reached 20 s after it arrived: 10 s before its 30 s deadline, of which the plans ahead take 7.8. It waits.
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        byte[] overloaded = key(CorrelationId.random());
        requests.pipeInput(overloaded, AvroCodec.encode(request(urs001, null, null)), NOW);
        assertThat(opened.isEmpty()).isTrue();
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(waiting()).isEqualTo(1);
        // Still 6 s left: twice the 3 s a plan needs. It waits on.
        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(rejected.isEmpty()).isTrue();
        // Less than 6 s left, and the plans ahead still need 7.8 s: refused, saying why.
        driver.advanceWallClockTime(Duration.ofMillis(100));
        List<TestRecord<byte[], byte[]>> answers = rejected.readRecordsToList();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).key()).isEqualTo(overloaded);
        assertThat(AvroCodec.decode(answers.get(0).value(), PlanRejected.class).getReasons().get(0))
            .returns("PLANNER_OVERLOADED", RejectionReason::getCode)
            .satisfies(reason -> assertThat(reason.getMessage())
                .contains("390 plans ahead of it", "7800ms", "before its deadline " + NOW.plusSeconds(30), "submit it again later"));
        assertThat(opened.isEmpty()).isTrue();
        assertThat(waiting()).isZero();
        // The id stays taken; a later deadline leaves time enough after the plans ahead, and is opened at once.
        assertRejected(overloaded, request(urs001, null, null), "DUPLICATE_CORRELATION_ID");
        requests.pipeInput(key(CorrelationId.random()), AvroCodec.encode(request(urs001, null, NOW.plusSeconds(60))), NOW);
        assertThat(opened.readRecordsToList()).hasSize(1);
        assertThat(backlog.openPlans()).isEqualTo(391);
    }

    @Test
    void opensTheHeldRequestsEarliestDeadlineFirstOnceThePlansAheadAreAnswered() {
        fallBehind();
        driver.advanceWallClockTime(Duration.ofSeconds(20));
        CorrelationId first = CorrelationId.random();
        CorrelationId sooner = CorrelationId.random();
        CorrelationId later = CorrelationId.random();
        requests.pipeInput(key(first), AvroCodec.encode(request(urs001, null, null)), NOW);
        // Arrived after it, due before it.
        requests.pipeInput(key(sooner), AvroCodec.encode(request(urs001, null, NOW.plusSeconds(28))), NOW);
        // One with time enough waits too while others do: it does not overtake them.
        requests.pipeInput(key(later), AvroCodec.encode(request(urs001, null, NOW.plusSeconds(60))), NOW);
        assertThat(waiting()).isEqualTo(3);
        // A second request with a held id is refused at once; the held one stays.
        assertRejected(key(first), request(urs001, null, null), "DUPLICATE_CORRELATION_ID");
        driver.advanceWallClockTime(Duration.ofMillis(100));
        assertThat(opened.isEmpty()).isTrue();

        // The aggregator answers 375 of the plans ahead: 60 inputs, 0.3 s, are left.
        for (int i = 0; i < 1_500; i++) {
            backlog.took();
        }
        for (int i = 0; i < 375; i++) {
            backlog.answered(0);
        }
        driver.advanceWallClockTime(Duration.ofMillis(100));
        assertThat(opened.readRecordsToList()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
            .containsExactly(sooner.toString(), first.toString(), later.toString());
        for (AgentKind agent : AgentKind.values()) {
            assertThat(StreamsTestSupport.output(driver, topics.agentRequests(agent)).readRecordsToList()).hasSize(3);
        }
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(waiting()).isZero();
        assertThat(backlog.openPlans()).isEqualTo(18);
    }

    private double waiting() {
        return metrics.get("gamp.requests.waiting").gauge().value();
    }

    /** The DLQ copy itself is checked on a real broker (TopologyTestDriver does not write handler output). */
    @Test
    void carriesOnAfterAnUndecodableRequest() {
        requests.pipeInput(key(CorrelationId.random()), new byte[] {1, 2, 3}, NOW);
        requests.pipeInput(key(CorrelationId.random()), AvroCodec.encode(request(urs001, null, null)), NOW);
        assertThat(opened.readRecordsToList()).hasSize(1);
        assertThat(rejected.isEmpty()).isTrue();
    }

    private void assertAccepted(String urs) {
        requests.pipeInput(key(CorrelationId.random()), AvroCodec.encode(request(urs, null, null)), NOW);
        assertThat(rejected.readRecordsToList()).isEmpty();
        assertThat(opened.readRecordsToList()).hasSize(1);
    }

    /** @return the reason with {@code code} */
    private RejectionReason assertRejected(byte[] key, PlanRequest request, String code) {
        requests.pipeInput(key, AvroCodec.encode(request), NOW);
        List<TestRecord<byte[], byte[]>> answers = rejected.readRecordsToList();
        assertThat(answers).hasSize(1);
        PlanRejected rejection = AvroCodec.decode(answers.get(0).value(), PlanRejected.class);
        assertThat(rejection.getReasons()).extracting(RejectionReason::getCode).contains(code);
        assertThat(rejection.getReasons()).allSatisfy(r -> assertThat(r.getMessage()).isNotBlank());
        assertThat(answers.get(0).key()).isEqualTo(key);
        return rejection.getReasons().stream().filter(r -> r.getCode().equals(code)).findFirst().orElseThrow();
    }
}
