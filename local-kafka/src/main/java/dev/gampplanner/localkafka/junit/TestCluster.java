package dev.gampplanner.localkafka.junit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.gampplanner.localkafka.BrokerSecurity;
import dev.gampplanner.localkafka.KafkaCluster;

/**
 * A {@link KafkaCluster} of node processes for one test class, started before its first test and stopped after
 * its last: {@code @RegisterExtension static final TestCluster CLUSTER = TestCluster.nodes(3);}. Tests kill and
 * restart its nodes through {@link #cluster()}.
 */
public final class TestCluster implements BeforeAllCallback, AfterAllCallback {

    private final int nodes;
    private final Optional<BrokerSecurity> security;
    private KafkaCluster cluster;

    private TestCluster(int nodes, Optional<BrokerSecurity> security) {
        this.nodes = nodes;
        this.security = security;
    }

    public static TestCluster nodes(int nodes) {
        return new TestCluster(nodes, Optional.empty());
    }

    /** The same cluster with SCRAM on every listener and ACLs enforced; the admin's password is made for the run. */
    public TestCluster secured() {
        return new TestCluster(nodes, Optional.of(BrokerSecurity.scram("admin", UUID.randomUUID().toString())));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = KafkaCluster.temporary(Path.of(System.getProperty("java.io.tmpdir")), nodes, security).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    /** The cluster as a test broker, for test configurations. */
    public TestBroker broker() {
        return new TestBroker(cluster.bootstrapServers(), TestBroker.Origin.LOCAL_CLUSTER);
    }

    public BrokerSecurity security() {
        return security.orElseThrow(() -> new IllegalStateException("this test cluster is not secured"));
    }

    /** An administrator's client (the super user's, when secured). */
    public Admin admin() {
        Map<String, Object> props = new HashMap<>(cluster.adminClientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }

    /**
     * The node leading the partitions of {@code topics} that hold the most records: killing it interrupts the
     * most traffic.
     */
    public int busiestLeader(Collection<String> topics) {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, Integer> leaders = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().stream().filter(p -> p.leader() != null)
                .forEach(p -> leaders.put(new TopicPartition(d.name(), p.partition()), p.leader().id())));
            Map<TopicPartition, Long> ends = admin.listOffsets(leaders.keySet().stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<Integer, Long> recordsLed = leaders.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.summingLong(e -> ends.getOrDefault(e.getKey(), 0L))));
            return recordsLed.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot find the busiest leader: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every replica of every topic (the broker's own included) is in sync again; returns how long it took. */
    public Duration awaitFullyReplicated(Duration timeout) {
        long begin = System.nanoTime();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    Collection<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                        .names().get();
                    List<TopicPartitionInfo> lagging = admin.describeTopics(names).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()).filter(p -> p.isr().size() < p.replicas().size()).toList();
                    if (lagging.isEmpty()) {
                        return Duration.ofNanos(System.nanoTime() - begin);
                    }
                } catch (ExecutionException notYet) {
                    // A node coming back may not answer yet; ask again.
                }
                if (System.nanoTime() - begin > timeout.toNanos()) {
                    throw new IllegalStateException("replicas still out of sync after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
