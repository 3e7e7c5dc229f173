package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.AgentError;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * A thousand malformed records on every input topic, sent while real plans are in flight: every one
 * is accounted for on its DLQ (or on plan.rejected, for requests that decode but are invalid), no
 * service stops, and every real plan is answered.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileInputTest {

    private static final int PER_TOPIC = 1000;

    /** One malformed record. */
    private record Malformed(byte[] key, byte[] value, RecordHeaders headers) {
    }

    @Test
    void everyMalformedRecordIsAccountedForAndEveryRealPlanIsAnswered(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "hostile")) {
            TopicCatalog topics = planner.config.topics();
            List<UrsFile> documents = UrsFile.bundledExamples().subList(0, 10);
            planner.submitAll(documents.subList(0, 5), Duration.ofSeconds(90));
            Random random = new Random(2026);
            for (String topic : topics.inputTopics()) {
                for (int i = 0; i < PER_TOPIC; i++) {
                    Malformed bad = malformed(topic, topics, i, random);
                    producer.send(new ProducerRecord<>(topic, null, null, bad.key(), bad.value(), bad.headers()));
                }
            }
            producer.flush();
            planner.submitAll(documents.subList(5, 10), Duration.ofSeconds(90));

            List<PlanDesk.Answer> answers = planner.awaitAnswers(documents.size(), Duration.ofSeconds(120));
            assertThat(answers).allSatisfy(a -> assertThat(((PlanDesk.Planned) a).plan().getStatus()).isEqualTo(PlanStatus.COMPLETE));
            for (String topic : topics.inputTopics()) {
                long rejected = 0;
                if (topic.equals(topics.planRequests())) {
                    try (TopicProbe rejections = new TopicProbe(planner.config, topics.rejected())) {
                        rejected = rejections.drain(Duration.ofSeconds(1)).size();
                    }
                }
                try (TopicProbe dlq = new TopicProbe(planner.config, TopicCatalog.deadLetterQueueOf(topic))) {
                    long expectedDeadLetters = PER_TOPIC - rejected;
                    var deadLetters = dlq.awaitCount((int) expectedDeadLetters, Duration.ofSeconds(120));
                    assertThat(dlq.drain(Duration.ofMillis(500))).as(topic).hasSize((int) expectedDeadLetters);
                    assertThat(deadLetters).allSatisfy(d -> {
                        assertThat(GampHeaders.get(d.headers(), GampHeaders.DLQ_REASON)).isPresent();
                        assertThat(GampHeaders.get(d.headers(), GampHeaders.DLQ_SOURCE_TOPIC)).contains(topic);
                    });
                }
            }
            assertThat(planner.health()).allSatisfy((name, health) ->
                assertThat(health.status()).as(name).isEqualTo(dev.gampplanner.runtime.observability.Health.Status.UP));
        }
    }

    /** Ten kinds of bad record, in turn. */
    private static Malformed malformed(String topic, TopicCatalog topics, int i, Random random) {
        byte[] id = CorrelationId.random().toString().getBytes(StandardCharsets.UTF_8);
        byte[] valid = AvroCodec.encode(validFor(topic, topics, new String(id, StandardCharsets.UTF_8)));
        RecordHeaders none = new RecordHeaders();
        switch (i % 10) {
            case 0 -> {
                return new Malformed(id, bytes(random, random.nextInt(300)), none);
            }
            case 1 -> {
                return new Malformed(id, java.util.Arrays.copyOf(valid, 10 + random.nextInt(valid.length - 10)), none);
            }
            case 2 -> {
                byte[] unknown = valid.clone();
                ByteBuffer.wrap(unknown, 2, 8).putLong(random.nextLong());
                return new Malformed(id, unknown, none);
            }
            case 3 -> {
                return new Malformed(id, AvroCodec.encode(wrongTypeFor(topic, topics, new String(id, StandardCharsets.UTF_8))), none);
            }
            case 4 -> {
                return new Malformed(null, valid, none);
            }
            case 5 -> {
                return new Malformed(("not-a-uuid-" + i).getBytes(StandardCharsets.UTF_8), valid, none);
            }
            case 6 -> {
                // Oversized: a handful only, each well past what any service accepts.
                return new Malformed(id, i % 200 == 6 ? bytes(random, 1_500_000) : bytes(random, 2_000), none);
            }
            case 7 -> {
                RecordHeaders garbage = new RecordHeaders();
                garbage.add(new String(bytes(random, 8), StandardCharsets.ISO_8859_1), bytes(random, 64));
                garbage.add("gamp.attempt", "minus one".getBytes(StandardCharsets.UTF_8));
                return new Malformed(id, bytes(random, 100), garbage);
            }
            case 8 -> {
                return new Malformed(id, null, none);
            }
            default -> {
                byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 3);
                return new Malformed(id, trailing, none);
            }
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A record of the type the topic carries (malformed only by what each case then does to it). */
    private static SpecificRecord validFor(String topic, TopicCatalog topics, String id) {
        if (topic.equals(topics.planRequests())) {
            return PlanRequest.newBuilder().setSource("fuzz.md").setUrs("- R-1: The system shall do things.").build();
        }
        if (topic.equals(topics.coordination())) {
            return DeadlineExpired.newBuilder().setCorrelationId(id).setDeadline(Instant.EPOCH).setDecidedAt(Instant.EPOCH)
                .setMissingAgents(List.of()).setReceivedResults(List.of()).build();
        }
        AgentKind agent = List.of(AgentKind.values()).stream().filter(a -> topic.contains("." + TopicCatalog.agentName(a) + "."))
            .findFirst().orElseThrow();
        if (topic.endsWith(".requests")) {
            return AgentRequest.newBuilder().setCorrelationId(id).setAgent(agent).setSource("fuzz.md").setUrs("- R-1: x")
                .setGampCategory(4).setRequestedAt(Instant.EPOCH).setDeadline(Instant.EPOCH).setPlanRequestSha256("0").build();
        }
        return AgentResult.newBuilder().setCorrelationId(id).setAgent(agent).setAgentRequestSha256("0").setStatus(ResultStatus.FAILED)
            .setError(new AgentError("X", "x", false)).setAgentVersion("v").setKnowledgeBaseVersion("kb").setPayload(null).build();
    }

    /** A well-formed record of a type the topic does not carry. */
    private static SpecificRecord wrongTypeFor(String topic, TopicCatalog topics, String id) {
        return topic.equals(topics.coordination()) || topic.endsWith(".requests")
            ? validFor(topics.agentResults(AgentKind.SME), topics, id)
            : validFor(topics.agentRequests(AgentKind.SME), topics, id);
    }
}
