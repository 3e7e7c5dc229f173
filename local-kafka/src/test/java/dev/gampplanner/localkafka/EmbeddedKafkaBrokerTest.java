package dev.gampplanner.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @Test
    void transactionsAndShareGroupsWorkAndDataSurvivesARestart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(dataDir, 0, 0).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("work", 3, (short) 1))).all().get();
                admin.incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.GROUP, "workers"),
                    List.of(new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all().get();
            }
            produceTransactionally(broker.bootstrapServers(), List.of("a", "b", "c"));
            assertThat(consumeShared(broker.bootstrapServers(), 3)).containsExactlyInAnyOrder("a", "b", "c");

            broker.stop();
            broker.start();

            produceTransactionally(broker.bootstrapServers(), List.of("d"));
            assertThat(consumeShared(broker.bootstrapServers(), 1)).containsExactly("d");
        }
    }

    private static void produceTransactionally(String bootstrap, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String value : values) {
                producer.send(new ProducerRecord<>("work", value, value));
            }
            producer.commitTransaction();
        }
    }

    private static List<String> consumeShared(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "workers",
            "share.acknowledgement.mode", "explicit");
        List<String> received = new ArrayList<>();
        try (KafkaShareConsumer<String, String> consumer =
                 new KafkaShareConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("work"));
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < giveUp) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(new String(record.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                    consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                }
                consumer.commitSync();
            }
        }
        return received;
    }
}
