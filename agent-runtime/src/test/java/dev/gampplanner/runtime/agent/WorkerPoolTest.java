package dev.gampplanner.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ShareMemberDescription;
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
import dev.gampplanner.runtime.lifecycle.ServiceHost;
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
import dev.gampplanner.schema.codec.Encoded;

/** An agent service's workers on a real broker: readiness, work for every worker, replacement, metrics on /metrics. */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerPoolTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WORKERS = 4;

    /** Takes a while per request, so a burst keeps every worker busy; breaks its worker once when told to. */
    private static final class SlowAgent implements Agent {
        final AtomicBoolean breakNextWorker = new AtomicBoolean();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public AgentIdentity identity() {
            return new AgentIdentity(AgentKind.RESEARCH, "test-1", "kb-test");
        }

        /** Read on the worker's own thread as the result is built: an Error here escapes the worker's loop. */
        @Override
        public String model() {
            if (breakNextWorker.compareAndSet(true, false)) {
                throw new StackOverflowError("a defect that escapes the worker's loop");
            }
            return Agent.super.model();
        }

        @Override
        public SpecificRecord analyse(AgentRequest request) {
            attempts.computeIfAbsent(request.getCorrelationId(), k -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ResearchFindings.newBuilder().setCategory(4).setSystemTypes(List.of())
                .setRequirementKinds(List.of()).setItems(List.of()).build();
        }
    }

    @Test
    void readyOnlyOnceEveryWorkerIsAssignedAndEveryWorkerGetsWork(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_WORKER_THREADS", String.valueOf(WORKERS),
            "GAMP_WORKER_MAX_POLL_RECORDS", "1", "GAMP_HTTP_PORT", "0"));
        SlowAgent agent = new SlowAgent();
        AtomicReference<AgentService> started = new AtomicReference<>();
        try (ServiceHost host = host(config, agent, started);
             Admin admin = KafkaClients.admin(config);
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            int port = host.httpPort();
            AgentService service = started.get();
            // Until the broker lists all four consumers with partitions, /ready refuses; once it answers 200, it does.
            boolean sawUnassignedWhileUnready = false;
            long giveUp = System.nanoTime() + WAIT.toNanos();
            while (get(port, "/ready").statusCode() != 200) {
                assertThat(System.nanoTime()).isLessThan(giveUp);
                sawUnassignedWhileUnready |= assignedMembers(admin, service.groupId()) < WORKERS;
                Thread.sleep(50);
            }
            assertThat(sawUnassignedWhileUnready).isTrue();
            assertThat(assignedMembers(admin, service.groupId())).isEqualTo(WORKERS);
            assertThat(service.health().status()).isEqualTo(Health.Status.UP);

            int requests = 24;
            for (int i = 0; i < requests; i++) {
                send(producer, config, CorrelationId.random());
            }
            Set<String> workers = new HashSet<>();
            Set<String> answered = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : results.awaitCount(requests, WAIT)) {
                workers.add(GampHeaders.get(record.headers(), GampHeaders.WORKER).orElseThrow());
                AgentResult result = AvroCodec.decode(record.value(), AgentResult.class);
                assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
                answered.add(result.getCorrelationId());
            }
            assertThat(answered).hasSize(requests);
            assertThat(workers).containsExactlyInAnyOrder("research-agent-0", "research-agent-1", "research-agent-2",
                "research-agent-3");

            String metrics = get(port, "/metrics").body();
            assertThat(sample(metrics, "gamp_agent_records_in_flight", "research")).isZero();
            assertThat(sample(metrics, "gamp_worker_restarts_total", "research")).isZero();
            assertThat(sample(metrics, "gamp_agent_redeliveries_total", "research")).isZero();
            assertThat(sample(metrics, "gamp_agent_lock_renewals_total", "research")).isZero();
            // Lag is measured in the background: every request is acknowledged, so it falls to zero.
            awaitTrue(() -> sample(scrape(port), "gamp_share_group_lag", "research") == 0.0);
        }
    }

    @Test
    void aWorkerThatDiesIsReplacedCountedAndItsRequestAnswered(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_WORKER_THREADS", "2", "GAMP_HTTP_PORT", "0"));
        SlowAgent agent = new SlowAgent();
        AtomicReference<AgentService> started = new AtomicReference<>();
        try (ServiceHost host = host(config, agent, started);
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
             TopicProbe results = new TopicProbe(config, config.topics().agentResults(AgentKind.RESEARCH))) {
            int port = host.httpPort();
            AgentService service = started.get();
            awaitTrue(() -> status(port, "/ready") == 200);

            agent.breakNextWorker.set(true);
            CorrelationId id = CorrelationId.random();
            send(producer, config, id);
            AgentResult result = AvroCodec.decode(results.awaitCount(1, WAIT).get(0).value(), AgentResult.class);
            assertThat(result.getCorrelationId()).isEqualTo(id.toString());
            assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(agent.attempts.get(id.toString())).hasValue(2);
            assertThat(results.drain(Duration.ofSeconds(2))).hasSize(1);

            String metrics = scrape(port);
            assertThat(sample(metrics, "gamp_worker_restarts_total", "research")).isEqualTo(1.0);
            assertThat(sample(metrics, "gamp_agent_redeliveries_total", "research")).isEqualTo(1.0);
            assertThat(sample(metrics, "gamp_agent_records_in_flight", "research")).isZero();
            // The replacement joins the group under a new client id; the service is ready again once it is assigned.
            awaitTrue(() -> status(port, "/ready") == 200);
            assertThat(status(port, "/health")).isEqualTo(200);
        }
    }

    @Test
    void aShareGroupSettingTheBrokerRefusesStopsTheStart(TestBroker broker, @TempDir Path state) {
        // The broker caps the lock at group.share.max.record.lock.duration.ms (60 s by default).
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_SHARE_LOCK_DURATION", "10m"));
        try (Observability observability = new Observability();
             AgentService service = new AgentService(config, new SlowAgent(), observability)) {
            assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused the settings of share group " + service.groupId())
                .hasMessageContaining("share.record.lock.duration.ms=600000");
        }
    }

    @Test
    void theShareGroupIsConfiguredAsTheServiceStartedIt(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state, Map.of("GAMP_SHARE_LOCK_DURATION", "20s"));
        try (Observability observability = new Observability();
             AgentService service = new AgentService(config, new SlowAgent(), observability);
             Admin admin = KafkaClients.admin(config)) {
            service.start();
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, service.groupId());
            Config settings = admin.describeConfigs(List.of(group)).all().get().get(group);
            assertThat(settings.get("share.auto.offset.reset").value()).isEqualTo("earliest");
            assertThat(settings.get("share.isolation.level").value()).isEqualTo("read_committed");
            assertThat(settings.get("share.record.lock.duration.ms").value()).isEqualTo("20000");
            assertThat(settings.get("share.renew.acknowledge.enable").value()).isEqualTo("true");
            // A joining worker is assigned at once, not at the broker's next batch of assignments a second later.
            assertThat(settings.get("share.assignment.interval.ms").value()).isEqualTo("0");
        }
    }

    /** The agent service in a service host, as a process runs it, with its endpoint on a free port. */
    private static ServiceHost host(GampConfig config, Agent agent, AtomicReference<AgentService> service) {
        return new ServiceHost(config).start(List.of(observability -> {
            service.set(new AgentService(config, agent, observability));
            return service.get();
        }));
    }

    private static long assignedMembers(Admin admin, String group) throws Exception {
        try {
            return admin.describeShareGroups(List.of(group)).describedGroups().get(group).get().members().stream()
                .map(ShareMemberDescription::assignment).filter(a -> !a.topicPartitions().isEmpty()).count();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0;
        }
    }

    private static double sample(String metrics, String name, String agent) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*agent=\"" + agent + "\"[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as(name + " on /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(giveUp);
            Thread.sleep(100);
        }
    }

    private static String scrape(int port) {
        try {
            return get(port, "/metrics").body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, GampConfig config, CorrelationId id) {
        AgentRequest request = AgentRequest.newBuilder()
            .setCorrelationId(id.toString())
            .setAgent(AgentKind.RESEARCH)
            .setSource("test.md")
            .setUrs("URS text")
            .setGampCategory(4)
            .setRequestedAt(Instant.now())
            .setDeadline(Instant.now().plusSeconds(120))
            .setPlanRequestSha256("0".repeat(64))
            .build();
        producer.send(new ProducerRecord<>(config.topics().agentRequests(AgentKind.RESEARCH),
            id.toString().getBytes(StandardCharsets.UTF_8), Encoded.of(request).bytes()));
        producer.flush();
    }
}
