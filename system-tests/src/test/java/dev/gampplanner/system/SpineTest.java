package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.bench.AgentDelays;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.codec.AvroCodec;

/** The flow of the architecture brief, end to end on a real broker with every service and the real agents. */
@ExtendWith(KafkaBrokerExtension.class)
class SpineTest {

    private static final List<UrsFile> EXAMPLES = UrsFile.bundledExamples();

    @Test
    void everyExampleGetsExactlyOneCompletePlan(TestBroker broker, @TempDir Path state) {
        Duration deadline = Duration.ofSeconds(8);
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all")) {
            List<PlanDesk.Submission> submitted = planner.submitAll(EXAMPLES, deadline);
            Instant lastDeadline = Instant.now().plus(deadline);
            List<PlanDesk.Answer> answers = planner.awaitAnswers(EXAMPLES.size(), Duration.ofSeconds(60));

            assertThat(answers).allSatisfy(a -> assertThat(a).isInstanceOf(PlanDesk.Planned.class));
            List<MergedPlan> plans = answers.stream().map(a -> ((PlanDesk.Planned) a).plan()).toList();
            assertThat(plans).extracting(MergedPlan::getStatus).containsOnly(PlanStatus.COMPLETE);
            assertThat(plans).extracting(MergedPlan::getCorrelationId).containsExactlyInAnyOrderElementsOf(
                submitted.stream().map(s -> s.id().toString()).toList());
            assertThat(plans).allSatisfy(plan -> {
                assertThat(plan.getTests()).isNotEmpty();
                // A requirement that cannot be tested as written is marked CLARIFY with its reason instead of a test.
                assertThat(plan.getRequirements()).allSatisfy(r -> {
                    if (r.getTestability() == Testability.CLARIFY) {
                        assertThat(r.getTestabilityReason()).isNotBlank();
                    } else {
                        assertThat(r.getTestIds()).isNotEmpty();
                    }
                });
                assertThat(plan.getAgents()).extracting(AgentOutcome::getResultSha256).doesNotContainNull();
            });
            assertExactlyOnePlanEach(planner, submitted, lastDeadline);
        }
    }

    @Test
    void withAnAgentAbsentEveryPlanIsPartialAndAnsweredByItsDeadline(TestBroker broker, @TempDir Path state) {
        // Long enough for the present agents to answer all 25 on a busy 2-core machine, cold.
        Duration deadline = Duration.ofSeconds(8);
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of())
                .start("planner", "planner").start("agents", "context", "sme")) {
            List<PlanDesk.Submission> submitted = planner.submitAll(EXAMPLES, deadline);
            Instant latestDeadline = Instant.now().plus(deadline);
            Map<String, Instant> deadlines = submitted.stream().collect(Collectors.toMap(s -> s.id().toString(),
                s -> latestDeadline));
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int answered = 0;
            while (answered < submitted.size() && System.nanoTime() < giveUp) {
                for (PlanDesk.Answer answer : planner.desk().poll(Duration.ofMillis(100))) {
                    Instant arrived = Instant.now();
                    answered++;
                    MergedPlan plan = ((PlanDesk.Planned) answer).plan();
                    assertThat(plan.getStatus()).isEqualTo(PlanStatus.PARTIAL);
                    assertThat(plan.getAgents()).filteredOn(o -> o.getAgent() == AgentKind.RESEARCH)
                        .singleElement().extracting(AgentOutcome::getStatus).isEqualTo(AgentOutcomeStatus.TIMED_OUT);
                    assertThat(plan.getAgents()).filteredOn(o -> o.getAgent() != AgentKind.RESEARCH)
                        .extracting(AgentOutcome::getStatus).containsOnly(AgentOutcomeStatus.SUCCEEDED);
                    assertThat(plan.getDeadlineExpiredSha256()).isNotNull();
                    assertThat(arrived).as("answered by deadline + 2 s").isBeforeOrEqualTo(
                        deadlines.get(plan.getCorrelationId()).plusSeconds(2));
                    assertThat(plan.getCompletedAt()).isBeforeOrEqualTo(plan.getDeadline().plusSeconds(2));
                }
            }
            assertThat(answered).isEqualTo(submitted.size());
        }
    }

    @Test
    void aResultDeliveredTwiceMakesOnePlanAndTheDuplicateIsRecordedAsLate(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of())
                .start("planner", "planner").start("agents", "context", "sme");
             TopicProbe contextResults = new TopicProbe(planner.config, planner.config.topics().agentResults(AgentKind.CONTEXT));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "redelivery")) {
            PlanDesk.Submission submission = planner.submitAll(EXAMPLES.subList(0, 1), Duration.ofSeconds(60)).get(0);
            ConsumerRecord<byte[], byte[]> answer = contextResults.awaitCount(1, Duration.ofSeconds(30)).get(0);
            // What a share group redelivery produces: the same result, the same bytes, once more.
            producer.send(new ProducerRecord<>(answer.topic(), answer.key(), answer.value()));
            producer.flush();
            planner.start("research", "research");

            List<PlanDesk.Answer> answers = planner.awaitAnswers(1, Duration.ofSeconds(30));
            assertThat(((PlanDesk.Planned) answers.get(0)).plan().getStatus()).isEqualTo(PlanStatus.COMPLETE);
            try (TopicProbe late = new TopicProbe(planner.config, planner.config.topics().lateResults())) {
                LateResult duplicate = AvroCodec.decode(late.awaitCount(1, Duration.ofSeconds(30)).get(0).value(), LateResult.class);
                assertThat(duplicate.getCause()).isEqualTo(LateCause.DUPLICATE);
                assertThat(duplicate.getAgent()).isEqualTo(AgentKind.CONTEXT);
                assertThat(duplicate.getCorrelationId()).isEqualTo(submission.id().toString());
            }
            assertExactlyOnePlanEach(planner, List.of(submission), Instant.now());
        }
    }

    @Test
    void theAgentsWorkOnAPlanAtTheSameTime(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of(AgentDelays.ALL, "1s"))
                .start("all", "all")) {
            // The first plan warms the path (share group assignment, first transactions); the second is measured.
            planner.submitAll(EXAMPLES.subList(0, 1), Duration.ofSeconds(30));
            planner.awaitAnswers(1, Duration.ofSeconds(60));
            planner.submitAll(EXAMPLES.subList(1, 2), Duration.ofSeconds(30));
            MergedPlan plan = ((PlanDesk.Planned) planner.awaitAnswers(1, Duration.ofSeconds(30)).get(0)).plan();
            assertThat(plan.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            // Three agents of 1 s each: sequential work would take over 3 s, parallel work a little over 1 s.
            assertThat(plan.getLatencyMs()).isGreaterThanOrEqualTo(1000).isLessThan(2000);
        }
    }

    /** Reads plan.merged until every deadline has passed (a second plan could only come from a deadline). */
    static void assertExactlyOnePlanEach(PlannerFixture planner, List<PlanDesk.Submission> submitted, Instant lastDeadline) {
        try (TopicProbe merged = new TopicProbe(planner.config, planner.config.topics().merged())) {
            Duration untilAfterDeadlines = Duration.between(Instant.now(), lastDeadline.plusSeconds(1));
            List<ConsumerRecord<byte[], byte[]>> records = merged.drain(untilAfterDeadlines.isNegative()
                ? Duration.ofSeconds(1) : untilAfterDeadlines);
            Map<String, Long> perKey = TopicProbe.countByKey(records);
            Set<String> expected = submitted.stream().map(s -> s.id().toString()).collect(Collectors.toSet());
            assertThat(perKey.keySet()).isEqualTo(expected);
            assertThat(perKey.values()).containsOnly(1L);
            records.forEach(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo(AvroCodec.decode(r.value(), MergedPlan.class).getCorrelationId()));
        }
    }
}
