package dev.gampplanner.localkafka.junit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.localkafka.EmbeddedKafkaBroker;

/**
 * Supplies a real Kafka broker to tests that take a {@link TestBroker} parameter.
 *
 * <p>The broker is chosen once per test run and shared by every test class: an external cluster
 * when {@code KAFKA_BOOTSTRAP_SERVERS} is set, a Testcontainers {@code apache/kafka} container when a
 * Docker engine is reachable, and otherwise the in-process {@link EmbeddedKafkaBroker}. Tests isolate
 * themselves by topic prefix, not by broker, so sharing costs nothing and saves a start per class.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
            .getOrComputeIfAbsent(RunningBroker.class, key -> start(), RunningBroker.class)
            .broker();
    }

    private static RunningBroker start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            log.info("tests use the external Kafka cluster at {}", external);
            return new RunningBroker(new TestBroker(external.strip(), TestBroker.Origin.EXTERNAL), () -> { });
        }
        if (dockerMayAnswer() && testcontainersOnClassPath() && TestcontainersBroker.dockerAvailable()) {
            TestcontainersBroker container = TestcontainersBroker.start(System.getProperty("gamp.kafka.image", "apache/kafka:4.4.0"));
            log.info("tests use a Testcontainers broker at {}", container.bootstrapServers());
            return new RunningBroker(new TestBroker(container.bootstrapServers(), TestBroker.Origin.TESTCONTAINERS), container::close);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start();
        return new RunningBroker(new TestBroker(broker.bootstrapServers(), TestBroker.Origin.IN_PROCESS), broker::close);
    }

    /** Cheap pre-check so machines without Docker do not pay for Testcontainers' discovery. */
    private static boolean dockerMayAnswer() {
        String dockerHost = System.getenv("DOCKER_HOST");
        return (dockerHost != null && !dockerHost.isBlank()) || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static boolean testcontainersOnClassPath() {
        try {
            Class.forName("org.testcontainers.kafka.KafkaContainer", false, KafkaBrokerExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Closed by JUnit when the root context closes, after the last test of the run. */
    private record RunningBroker(TestBroker broker, AutoCloseable stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}
