package dev.gampplanner.localkafka.junit;

/**
 * The broker a test runs against.
 *
 * @param bootstrapServers where clients connect
 * @param origin how the broker was found or started
 */
public record TestBroker(String bootstrapServers, Origin origin) {

    public enum Origin {
        /** {@code KAFKA_BOOTSTRAP_SERVERS} named a running cluster. */
        EXTERNAL,
        /** A Docker engine answered, so Testcontainers started the {@code apache/kafka} image. */
        TESTCONTAINERS,
        /** Neither: a real KRaft broker started inside the test JVM. */
        IN_PROCESS,
        /** A {@link TestCluster}: node processes started by the test class. */
        LOCAL_CLUSTER
    }
}
