package dev.gampplanner.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterTest {

    private static final String TOPIC = "replicated";

    @Test
    void threeSecuredNodeProcessesKeepEveryAcknowledgedRecordThroughAKillAndARestartOnTheSameData(@TempDir Path dir)
        throws Exception {
        BrokerSecurity security = BrokerSecurity.scram("admin", "cluster-secret");
        try (KafkaCluster cluster = KafkaCluster.open(dir.resolve("cluster"), 3, 0, Optional.of(security)).start()) {
            Map<String, Object> client = new HashMap<>(security.adminClientProperties());
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            try (Admin admin = Admin.create(client)) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(3);
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get();
                awaitFullIsr(admin);
            }
            List<String> acknowledged = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(client, Duration.ofSeconds(60))) {
                acknowledged.addAll(send(producer, "before", 20));
                int leader = leader(client);
                cluster.kill(leader);
                long killed = System.nanoTime();
                acknowledged.addAll(send(producer, "one-down", 20));
                System.out.printf("first write acknowledged %d ms after the leader's SIGKILL%n", (System.nanoTime() - killed) / 1_000_000);

                cluster.start(leader);
                acknowledged.addAll(send(producer, "restored", 20));
                assertRejoinsTheIsr(client, leader);
            }
            assertThat(consumeAll(client)).containsExactlyElementsOf(acknowledged);
        }
    }

    /** The restarted node caught up from its own data and is a full replica again. */
    private static void assertRejoinsTheIsr(Map<String, Object> client, int node) throws Exception {
        try (Admin admin = Admin.create(client)) {
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (describe(admin).partitions().get(0).isr().stream().noneMatch(n -> n.id() == node)) {
                assertThat(System.nanoTime()).as("node " + node + " back in sync within 60 s").isLessThan(giveUp);
                Thread.sleep(200);
            }
        }
    }

    /** A new topic's metadata reaches every node a moment after its creation is acknowledged. */
    private static void awaitFullIsr(Admin admin) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (describe(admin).partitions().get(0).isr().size() == 3) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            assertThat(System.nanoTime()).as("every replica of the new topic in sync within 60 s").isLessThan(giveUp);
            Thread.sleep(200);
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
    }

    private static int leader(Map<String, Object> client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return describe(admin).partitions().get(0).leader().id();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client, Duration deliveryTimeout) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static List<String> send(KafkaProducer<String, String> producer, String label, int count) throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = label + "-" + i;
            producer.send(new ProducerRecord<>(TOPIC, value, value)).get();
            values.add(value);
        }
        return values;
    }

    private static List<String> consumeAll(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
