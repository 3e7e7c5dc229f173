package dev.gampplanner.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.AvroCodec;

@ExtendWith(KafkaBrokerExtension.class)
class TopicTailTest {

    @Test
    void printsCommittedRecordsDecodedAndUndecodableOnesAsSuch(TestBroker broker) throws Exception {
        String topic = "tail-" + UUID.randomUUID();
        GampConfig config = GampConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
        PlanRequest request = PlanRequest.newBuilder().setSource("URS-001.md").setUrs("# URS").setLabels(Map.of()).build();
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "tail-test")) {
            ProducerRecord<byte[], byte[]> decodable = new ProducerRecord<>(topic, "plan-1".getBytes(StandardCharsets.UTF_8),
                AvroCodec.encode(request));
            decodable.headers().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
            producer.send(decodable).get();
            producer.send(new ProducerRecord<>(topic, "plan-2".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3})).get();
        }
        StringWriter all = new StringWriter();
        long printed = TopicTail.run(config, new TopicTail.Options(topic, true, null, 2, Duration.ofSeconds(20)), new PrintWriter(all));
        StringWriter onlyTwo = new StringWriter();
        TopicTail.run(config, new TopicTail.Options(topic, true, "plan-2", 0, Duration.ofSeconds(3)), new PrintWriter(onlyTwo));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = all.toString().lines().map(line -> read(json, line)).toList();
        assertThat(printed).isEqualTo(2);
        assertThat(lines.get(0).path("topic").asText()).isEqualTo(topic);
        assertThat(lines.get(0).path("offset").asLong()).isZero();
        assertThat(lines.get(0).path("key").asText()).isEqualTo("plan-1");
        assertThat(lines.get(0).path("headers").path("traceparent").asText()).isEqualTo("00-abc");
        assertThat(lines.get(0).path("type").asText()).isEqualTo("dev.gampplanner.schema.PlanRequest");
        assertThat(lines.get(0).path("value").path("source").asText()).isEqualTo("URS-001.md");
        assertThat(lines.get(0).path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(lines.get(1).path("undecodable").asText()).contains("C3 01");
        assertThat(lines.get(1).path("valueBase64").asText()).isEqualTo("AQID");
        assertThat(onlyTwo.toString().lines().toList()).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"plan-2\""));
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
