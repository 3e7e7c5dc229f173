package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.RejectionReason;
import dev.gampplanner.schema.codec.AvroCodec;

/** Bad input gets a clear answer and loses nothing; the services keep running. */
@ExtendWith(KafkaBrokerExtension.class)
class BadInputTest {

    private static final String URS = UrsFile.bundledExamples().get(0).text();

    @Test
    void invalidRequestsGetOneRejectionEachWithTheReason(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("planner", "planner");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "upstream");
             TopicProbe rejected = new TopicProbe(planner.config, planner.config.topics().rejected())) {
            Map<String, String> expectedCode = new LinkedHashMap<>();
            send(producer, planner, CorrelationId.random().toString(), request("  ", null, null), expectedCode, "EMPTY_URS");
            send(producer, planner, CorrelationId.random().toString(), request("x".repeat(1024 * 1024 + 1), null, null),
                expectedCode, "URS_TOO_LARGE");
            send(producer, planner, CorrelationId.random().toString(), request(URS, 2, null), expectedCode, "UNKNOWN_CATEGORY");
            send(producer, planner, CorrelationId.random().toString(), request(URS, 7, null), expectedCode, "UNKNOWN_CATEGORY");
            send(producer, planner, CorrelationId.random().toString(), request(URS, null, Instant.now().minusSeconds(60)),
                expectedCode, "DEADLINE_PASSED");
            send(producer, planner, "plan-42", request(URS, null, null), expectedCode, "INVALID_CORRELATION_ID");

            List<ConsumerRecord<byte[], byte[]>> answers = rejected.awaitCount(expectedCode.size(), Duration.ofSeconds(60));
            Map<String, Long> perKey = TopicProbe.countByKey(rejected.drain(Duration.ofSeconds(1)));
            assertThat(perKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedCode.keySet());
            assertThat(perKey.values()).containsOnly(1L);
            for (ConsumerRecord<byte[], byte[]> answer : answers) {
                PlanRejected rejection = AvroCodec.decode(answer.value(), PlanRejected.class);
                String key = new String(answer.key(), StandardCharsets.UTF_8);
                assertThat(rejection.getReasons()).extracting(RejectionReason::getCode).contains(expectedCode.get(key));
                assertThat(rejection.getReasons()).allSatisfy(r -> assertThat(r.getMessage()).isNotBlank());
            }
        }
    }

    @Test
    void randomBytesOnEveryInputTopicGoToItsDlqAndTheFlowGoesOn(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "hostile")) {
            TopicCatalog topics = planner.config.topics();
            Random random = new Random(11);
            for (String topic : topics.inputTopics()) {
                byte[] garbage = new byte[64];
                random.nextBytes(garbage);
                producer.send(new ProducerRecord<>(topic, CorrelationId.random().toString().getBytes(StandardCharsets.UTF_8), garbage));
            }
            producer.flush();
            for (String topic : topics.inputTopics()) {
                try (TopicProbe dlq = new TopicProbe(planner.config, TopicCatalog.deadLetterQueueOf(topic))) {
                    ConsumerRecord<byte[], byte[]> dead = dlq.awaitCount(1, Duration.ofSeconds(60)).get(0);
                    assertThat(GampHeaders.get(dead.headers(), GampHeaders.DLQ_REASON)).as(topic).isPresent();
                    assertThat(GampHeaders.get(dead.headers(), GampHeaders.DLQ_MESSAGE)).as(topic).isPresent();
                    assertThat(GampHeaders.get(dead.headers(), GampHeaders.DLQ_SOURCE_TOPIC)).as(topic).contains(topic);
                }
            }
            List<UrsFile> documents = UrsFile.bundledExamples().subList(0, 5);
            planner.submitAll(documents, Duration.ofSeconds(60));
            List<PlanDesk.Answer> answers = planner.awaitAnswers(documents.size(), Duration.ofSeconds(60));
            assertThat(answers).allSatisfy(a -> assertThat(((PlanDesk.Planned) a).plan().getStatus()).isEqualTo(PlanStatus.COMPLETE));
        }
    }

    private static PlanRequest request(String urs, Integer category, Instant deadline) {
        return PlanRequest.newBuilder().setSource("bad.md").setUrs(urs).setGampCategory(category).setDeadline(deadline)
            .setSubmittedBy("system test").setLabels(Map.of()).build();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, PlannerFixture planner, String key, PlanRequest request,
                             Map<String, String> expected, String code) {
        producer.send(new ProducerRecord<>(planner.config.topics().planRequests(), key.getBytes(StandardCharsets.UTF_8),
            AvroCodec.encode(request)));
        producer.flush();
        expected.put(key, code);
    }
}
