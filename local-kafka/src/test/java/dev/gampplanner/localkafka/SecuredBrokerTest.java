package dev.gampplanner.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SCRAM on both listeners over TLS with a certificate made for the test, and deny-by-default ACLs. */
class SecuredBrokerTest {

    private static final String TOPIC = "guarded";

    @Test
    void overTlsOnlyAuthenticatedPrincipalsConnectAndEachMayDoOnlyWhatItsAclsAllow(@TempDir Path dir) throws Exception {
        BrokerSecurity security = BrokerSecurity.scram("admin", "admin-secret").withTls(selfSignedCertificate(dir));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().secured(security).start()) {
            try (Admin admin = Admin.create(client(broker, security.adminClientProperties()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("alice",
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "alice-secret"))).all().get();
                admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                    new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
            }
            Map<String, Object> alice = client(broker, security.clientProperties("alice", "alice-secret"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(alice, new StringSerializer(), new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get().offset()).isZero();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(alice, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition(TOPIC, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
            }

            Map<String, Object> wrongPassword = client(broker, security.clientProperties("alice", "guessed"));
            assertThatThrownBy(() -> describeCluster(wrongPassword)).cause().isInstanceOf(SaslAuthenticationException.class);
            // TLS without SASL: the listener speaks SASL_SSL only, so the handshake never completes.
            Map<String, Object> anonymous = client(broker, Map.of("security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12", "ssl.truststore.location", security.tls().orElseThrow().trustStore().toString(),
                "ssl.truststore.password", "store-secret"));
            assertThatThrownBy(() -> describeCluster(anonymous)).isInstanceOf(ExecutionException.class);
            // The controller listener asks for SCRAM too: a client without it is not even answered there.
            Map<String, Object> controllerAnonymous = new HashMap<>(Map.of("bootstrap.controllers", "127.0.0.1:" + broker.controllerPort(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000));
            assertThatThrownBy(() -> {
                try (Admin admin = Admin.create(controllerAnonymous)) {
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                }
            }).isInstanceOf(ExecutionException.class);
        }
    }

    private static void describeCluster(Map<String, Object> props) throws Exception {
        Map<String, Object> quick = new HashMap<>(props);
        quick.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        quick.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(quick)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> client(EmbeddedKafkaBroker broker, Map<String, Object> security) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** A key pair and certificate for 127.0.0.1, made with the JDK's keytool, and a trust store holding the certificate. */
    static BrokerSecurity.Tls selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Path keyStore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", "store-secret");
        keytool("-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass", "store-secret",
            "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype", "PKCS12",
            "-keystore", trustStore.toString(), "-storepass", "store-secret");
        return new BrokerSecurity.Tls(keyStore, "store-secret", trustStore, "store-secret");
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool " + arguments[0] + ": " + output).isZero();
    }
}
