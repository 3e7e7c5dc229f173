package dev.gampplanner.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.codec.Encoded;

/** The share-group worker on a real broker, with an agent whose behaviour each test scripts. */
@ExtendWith(KafkaBrokerExtension.class)
class AgentServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Answers with the URS length as its "category"; fails as told by the URS text. */
    private static final class ScriptedAgent implements Agent {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Duration work;

        ScriptedAgent(Duration work) {
            this.work = work;
        }

        @Override
        public AgentIdentity identity() {
            return new AgentIdentity(AgentKind.RESEARCH, "test-1", "kb-test");
        }

        @Override
        public SpecificRecord analyse(AgentRequest request) throws AgentException {
            int attempt = attempts.computeIfAbsent(request.getCorrelationId(), k -> new AtomicInteger()).incrementAndGet();
            String urs = request.getUrs();
            if (urs.startsWith("flaky") && attempt < 3) {
                throw AgentException.transientFailure(AgentErrorCode.UPSTREAM_UNAVAILABLE, "attempt " + attempt + " failed", null);
            }
            if (urs.startsWith("broken")) {
                throw AgentException.transientFailure(AgentErrorCode.UPSTREAM_UNAVAILABLE, "always down", null);
            }
            if (urs.startsWith("invalid")) {
                throw AgentException.permanentFailure(AgentErrorCode.NO_REQUIREMENTS, "nothing to read");
            }
            if (urs.startsWith("huge ")) {
                return ResearchFindings.newBuilder().setCategory(4).setSystemTypes(incompressible(Integer.parseInt(urs.substring(5))))
                    .setRequirementKinds(List.of()).setItems(List.of()).build();
            }
            if (!work.isZero()) {
                try {
                    Thread.sleep(work.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ResearchFindings.newBuilder().setCategory(urs.length()).setSystemTypes(List.of())
                .setRequirementKinds(List.of()).setItems(List.of()).build();
        }
    }

    @Test
    void answersEachRequestOnceAndSendsUndecodableOnesToTheDlq(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state);
        ScriptedAgent agent = new ScriptedAgent(Duration.ZERO);
        try (Observability observability = new Observability();
             AgentService service = started(new AgentService(config, agent, observability));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH));
             TopicProbe dlq = new TopicProbe(config, config.topics().agentRequests(AgentKind.RESEARCH) + ".dlq")) {
            String requests = config.topics().agentRequests(AgentKind.RESEARCH);
            producer.send(new ProducerRecord<>(requests, "not-a-uuid".getBytes(), "garbage".getBytes()));
            AgentRequest request = request(CorrelationId.random(), "URS text", Instant.now().plusSeconds(60));
            byte[] bytes = Encoded.of(request).bytes();
            producer.send(new ProducerRecord<>(requests, request.getCorrelationId().getBytes(StandardCharsets.UTF_8), bytes));
            producer.flush();

            ConsumerRecord<byte[], byte[]> answer = results.awaitCount(1, WAIT).get(0);
            AgentResult result = AvroCodec.decode(answer.value(), AgentResult.class);
            assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(result.getAgentRequestSha256()).isEqualTo(Digests.sha256Hex(bytes));
            assertThat(result.getKnowledgeBaseVersion()).isEqualTo("kb-test");
            assertThat(((ResearchFindings) result.getPayload()).getCategory()).isEqualTo("URS text".length());
            assertThat(GampHeaders.get(answer.headers(), GampHeaders.WORKER)).contains("research-agent-0");

            ConsumerRecord<byte[], byte[]> refused = dlq.awaitCount(1, WAIT).get(0);
            assertThat(refused.value()).isEqualTo("garbage".getBytes());
            assertThat(GampHeaders.get(refused.headers(), GampHeaders.DLQ_REASON)).contains("INVALID_KEY");
            assertThat(GampHeaders.get(refused.headers(), GampHeaders.DLQ_SOURCE_TOPIC)).contains(requests);
            // The worker answered, so it holds an assignment; the service says so once its watch has read the group.
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (service.health().status() != Health.Status.UP && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            assertThat(service.health().status()).isEqualTo(Health.Status.UP);
        }
    }

    @Test
    void retriesTransientFailuresWithBackoffAndGivesUpWithAFailedResult(TestBroker broker, @TempDir Path state) {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_AGENT_MAX_ATTEMPTS", "3", "GAMP_RETRY_BACKOFF", "50ms"));
        ScriptedAgent agent = new ScriptedAgent(Duration.ZERO);
        try (Observability observability = new Observability();
             AgentService service = started(new AgentService(config, agent, observability));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            CorrelationId flaky = CorrelationId.random();
            CorrelationId broken = CorrelationId.random();
            CorrelationId invalid = CorrelationId.random();
            send(producer, config, request(flaky, "flaky URS", Instant.now().plusSeconds(60)));
            send(producer, config, request(broken, "broken URS", Instant.now().plusSeconds(60)));
            send(producer, config, request(invalid, "invalid URS", Instant.now().plusSeconds(60)));

            Map<String, AgentResult> byId = new ConcurrentHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : results.awaitCount(3, WAIT)) {
                AgentResult result = AvroCodec.decode(record.value(), AgentResult.class);
                byId.put(result.getCorrelationId(), result);
            }
            assertThat(byId.get(flaky.toString()).getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(agent.attempts.get(flaky.toString())).hasValue(3);
            assertThat(byId.get(broken.toString()).getStatus()).isEqualTo(ResultStatus.FAILED);
            assertThat(byId.get(broken.toString()).getError().getCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(byId.get(broken.toString()).getError().getRetryable()).isTrue();
            assertThat(agent.attempts.get(broken.toString())).hasValue(3);
            assertThat(byId.get(invalid.toString()).getStatus()).isEqualTo(ResultStatus.FAILED);
            assertThat(agent.attempts.get(invalid.toString())).hasValue(1);
        }
    }

    @Test
    void keepsTheLockThroughABackoffLongerThanTheLock(TestBroker broker, @TempDir Path state) {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_SHARE_LOCK_DURATION", "2s", "GAMP_RETRY_BACKOFF", "5s",
            "GAMP_RETRY_BACKOFF_MAX", "5s", "GAMP_AGENT_MAX_ATTEMPTS", "3", "GAMP_WORKER_THREADS", "2"));
        ScriptedAgent agent = new ScriptedAgent(Duration.ZERO);
        try (Observability observability = new Observability();
             AgentService service = started(new AgentService(config, agent, observability));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            CorrelationId id = CorrelationId.random();
            send(producer, config, request(id, "flaky URS", Instant.now().plusSeconds(60)));
            AgentResult result = AvroCodec.decode(results.awaitCount(1, WAIT).get(0).value(), AgentResult.class);
            assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            // Two backoffs of 5 s against a 2 s lock: had a lock lapsed, the idle second worker would have taken the
            // request meanwhile and tried it once more.
            assertThat(agent.attempts.get(id.toString())).hasValue(3);
            assertThat(results.drain(Duration.ofSeconds(2))).hasSize(1);
            assertThat(observability.registry().get("gamp.agent.lock.renewals").counter().count()).isPositive();
            assertThat(observability.registry().get("gamp.agent.redeliveries").counter().count()).isEqualTo(2.0);
        }
    }

    @Test
    void renewsTheLockOfARequestThatTakesLongerThanTheLock(TestBroker broker, @TempDir Path state) {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_SHARE_LOCK_DURATION", "2s"));
        ScriptedAgent agent = new ScriptedAgent(Duration.ofSeconds(5));
        try (Observability observability = new Observability();
             AgentService service = started(new AgentService(config, agent, observability));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            CorrelationId id = CorrelationId.random();
            send(producer, config, request(id, "slow URS", Instant.now().plusSeconds(60)));
            results.awaitCount(1, WAIT);
            List<ConsumerRecord<byte[], byte[]>> all = results.drain(Duration.ofSeconds(6));
            assertThat(all).hasSize(1);
            assertThat(agent.attempts.get(id.toString())).hasValue(1);
            assertThat(observability.registry().get("gamp.agent.lock.renewals").counter().count()).isPositive();
        }
    }

    @Test
    void answersFailedAtOnceWhenItsResultCannotBeWritten(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state);
        ScriptedAgent agent = new ScriptedAgent(Duration.ZERO);
        try (Observability observability = new Observability();
             AgentService service = started(new AgentService(config, agent, observability));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             Admin admin = KafkaClients.admin(config);
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            // A topic that takes less than the services expect: the estimate lets the record go, the broker refuses it.
            String resultTopic = config.topics().agentResults(AgentKind.RESEARCH);
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, resultTopic), List.of(
                new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(1024 * 1024)), AlterConfigOp.OpType.SET))))
                .all().get();
            CorrelationId pastTheProducer = CorrelationId.random();
            CorrelationId pastTheTopic = CorrelationId.random();
            CorrelationId refusedByTheBroker = CorrelationId.random();
            send(producer, config, request(pastTheProducer, "huge " + 40_000_000, Instant.now().plusSeconds(60)));
            send(producer, config, request(pastTheTopic, "huge " + 12_000_000, Instant.now().plusSeconds(60)));
            send(producer, config, request(refusedByTheBroker, "huge " + 2_000_000, Instant.now().plusSeconds(60)));

            Map<String, AgentResult> byId = new ConcurrentHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : results.awaitCount(3, WAIT)) {
                AgentResult result = AvroCodec.decode(record.value(), AgentResult.class);
                byId.put(result.getCorrelationId(), result);
            }
            for (CorrelationId id : List.of(pastTheProducer, pastTheTopic, refusedByTheBroker)) {
                AgentResult result = byId.get(id.toString());
                assertThat(result.getStatus()).isEqualTo(ResultStatus.FAILED);
                assertThat(result.getError().getCode()).isEqualTo(AgentErrorCode.RESULT_NOT_WRITABLE.name());
                assertThat(result.getError().getRetryable()).isFalse();
                assertThat(agent.attempts.get(id.toString())).hasValue(1);
            }
            assertThat(byId.get(pastTheProducer.toString()).getError().getMessage()).contains("a producer sends");
            assertThat(byId.get(pastTheTopic.toString()).getError().getMessage()).contains("compressed");
            assertThat(results.drain(Duration.ofSeconds(2))).hasSize(3);
        }
    }

    /** Random letters, which LZ4 cannot shrink: the size a record is written with is the size it has. */
    private static List<String> incompressible(int bytes) {
        Random random = new Random(bytes);
        List<String> chunks = new ArrayList<>();
        char[] chunk = new char[10_000];
        for (int written = 0; written < bytes; written += chunk.length) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (char) ('a' + random.nextInt(26));
            }
            chunks.add(new String(chunk));
        }
        return chunks;
    }

    private static AgentService started(AgentService service) {
        service.start();
        return service;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, GampConfig config, AgentRequest request) {
        producer.send(new ProducerRecord<>(config.topics().agentRequests(request.getAgent()),
            request.getCorrelationId().getBytes(StandardCharsets.UTF_8), Encoded.of(request).bytes()));
        producer.flush();
    }

    private static AgentRequest request(CorrelationId id, String urs, Instant deadline) {
        return AgentRequest.newBuilder()
            .setCorrelationId(id.toString())
            .setAgent(AgentKind.RESEARCH)
            .setSource("test.md")
            .setUrs(urs)
            .setGampCategory(4)
            .setRequestedAt(Instant.now())
            .setDeadline(deadline)
            .setPlanRequestSha256("0".repeat(64))
            .build();
    }
}
