package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.cli.support.AccessSetup;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.TestCluster;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;

/**
 * A secured broker (SCRAM on every listener, deny by default) with every service on its own principal and
 * the ACLs 'gamp security apply' derives: plans are answered, an auditor verifies them, and each principal
 * is refused what its role does not need — by the broker, with its authorization error.
 */
class SecurityTest {

    @RegisterExtension
    static final TestCluster BROKER = TestCluster.nodes(1).secured();

    @Test
    void everyServiceOnItsOwnPrincipalAnswersPlansAndEachPrincipalIsRefusedWhatItsRoleDoesNotNeed(@TempDir Path dir)
        throws Exception {
        Path adminPassword = Files.writeString(dir.resolve("admin.password"), BROKER.security().adminPassword() + "\n");
        GampConfig admin = TestConfigs.fresh(BROKER.broker(), dir.resolve("state"), Map.of(
            "KAFKA_SASL_USERNAME", BROKER.security().adminUser(), "KAFKA_SASL_PASSWORD_FILE", adminPassword.toString()));
        TopicAccess access = new TopicAccess(admin.topics());
        TopicCatalog topics = admin.topics();
        AccessSetup setup;
        try (Admin client = KafkaClients.admin(admin)) {
            new TopicProvisioner(client, admin).apply();
            setup = new AccessSetup(client, access, dir.resolve("credentials"));
            List<AccessSetup.RoleReport> first = setup.apply(false);
            assertThat(first).allSatisfy(r -> assertThat(r.granted()).isNotEmpty());
            List<AccessSetup.RoleReport> again = setup.apply(false);
            assertThat(again).allSatisfy(r -> {
                assertThat(r.userExisted()).isTrue();
                assertThat(r.granted()).isEmpty();
                assertThat(r.revoked()).isEmpty();
            });
        }
        Map<Role, GampConfig> as = new HashMap<>();
        for (Role role : Role.values()) {
            as.put(role, admin.with(Map.of("KAFKA_SASL_USERNAME", access.userName(role),
                "KAFKA_SASL_PASSWORD_FILE", setup.passwordFile(role).toString())));
        }

        List<ServiceHost> services = new ArrayList<>();
        try {
            for (Role role : List.of(Role.PLANNER, Role.CONTEXT, Role.SME, Role.RESEARCH)) {
                GampConfig config = as.get(role);
                services.add(new ServiceHost(config).start(ServiceCatalog.resolve(config, List.of(role.label()))));
            }
            try (PlanDesk desk = new PlanDesk(as.get(Role.SUBMITTER))) {
                List<UrsFile> documents = UrsFile.bundledExamples().subList(0, 3);
                for (UrsFile document : documents) {
                    desk.submit(document, null, Instant.now().plusSeconds(60), "security test");
                }
                List<PlanDesk.Answer> answers = new ArrayList<>();
                long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (answers.size() < documents.size() && System.nanoTime() < giveUp) {
                    answers.addAll(desk.poll(Duration.ofMillis(200)));
                }
                assertThat(answers).hasSize(documents.size()).allSatisfy(a ->
                    assertThat(((PlanDesk.Planned) a).plan()).extracting(MergedPlan::getStatus).isEqualTo(PlanStatus.COMPLETE));
            }
            AuditLog auditor = new AuditLog(as.get(Role.AUDITOR));
            AuditReport audit = new AuditVerifier(topics, admin.defaultDeadline(), Duration.ofMinutes(1))
                .verify(auditor.everything(null), auditor.signingKeys(), Instant.now(), null, null);
            assertThat(audit.failures()).isEmpty();
            assertThat(audit.plans()).isEqualTo(3);
        } finally {
            services.forEach(ServiceHost::close);
        }

        assertRefusedWrite(as.get(Role.RESEARCH), topics.agentResults(AgentKind.SME));
        for (Role agent : List.of(Role.CONTEXT, Role.SME, Role.RESEARCH)) {
            assertRefusedRead(as.get(agent), topics.planRequests());
        }
        for (AgentKind agent : AgentKind.values()) {
            assertRefusedRead(as.get(Role.SUBMITTER), topics.agentRequests(agent));
            assertRefusedRead(as.get(Role.SUBMITTER), topics.agentResults(agent));
        }
        assertRefusedWrite(as.get(Role.SUBMITTER), topics.merged());
        // The auditor may write no topic at all, so the broker does not even give its producers an id; a producer
        // that needs none is refused topic by topic.
        assertThat(causes(catchThrowable(() -> send(KafkaClients.producerProps(as.get(Role.AUDITOR), "auditor-writer"), topics.merged()))))
            .hasAtLeastOneElementOfType(ClusterAuthorizationException.class);
        Map<String, Object> withoutProducerId = new HashMap<>(KafkaClients.producerProps(as.get(Role.AUDITOR), "auditor-writer"));
        withoutProducerId.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        withoutProducerId.put(ProducerConfig.ACKS_CONFIG, "1");
        for (String topic : topics.allTopics()) {
            assertThat(causes(catchThrowable(() -> send(withoutProducerId, topic)))).as("auditor writes " + topic)
                .hasAtLeastOneElementOfType(TopicAuthorizationException.class);
        }

        // Without credentials the SASL listener never gets past the handshake; with a wrong password SCRAM says no.
        assertThat(catchThrowable(() -> describeCluster(Map.of()))).isNotNull();
        Throwable wrongPassword = catchThrowable(() -> describeCluster(BROKER.security().clientProperties(
            access.userName(Role.AUDITOR), "not-the-password")));
        assertThat(causes(wrongPassword)).hasAtLeastOneElementOfType(SaslAuthenticationException.class);
    }

    private static void assertRefusedWrite(GampConfig principal, String topic) {
        Throwable refused = catchThrowable(() -> send(KafkaClients.producerProps(principal, "forbidden-writer"), topic));
        assertThat(causes(refused)).as(principal.clientSecurity().credentials().orElseThrow().username() + " writes " + topic)
            .hasAtLeastOneElementOfType(TopicAuthorizationException.class);
    }

    private static void send(Map<String, Object> producerProps, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(), "v".getBytes())).get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertRefusedRead(GampConfig principal, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(principal, "forbidden-reader", null)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Throwable refused = catchThrowable(() -> consumer.poll(Duration.ofSeconds(15)));
            assertThat(causes(refused)).as(principal.clientSecurity().credentials().orElseThrow().username() + " reads " + topic)
                .hasAtLeastOneElementOfType(TopicAuthorizationException.class);
        }
    }

    private static void describeCluster(Map<String, Object> security) throws Exception {
        Map<String, Object> props = new HashMap<>(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.cluster().bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin client = Admin.create(props)) {
            client.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
