package dev.gampplanner.cli.support;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.client.AvroJson;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * Prints a topic's committed records as one JSON object a line, decoded where the value is a published record.
 * Reads without a consumer group, so looking at a topic moves no one's offsets.
 */
public final class TopicTail {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    /** What to print: {@code max} 0 and {@code idle} zero mean until interrupted. */
    public record Options(String topic, boolean fromBeginning, String key, long max, Duration idle) {
    }

    private TopicTail() {
    }

    /** Prints until {@code max} records or {@code idle} without one (Ctrl-C otherwise: every poll's lines are flushed). */
    public static long run(GampConfig config, Options options, PrintWriter out) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "gamp-topics-tail", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(options.topic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("topic '" + options.topic() + "' does not exist");
            }
            consumer.assign(partitions);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long printed = 0;
            Instant lastRecord = Instant.now();
            while (options.max() == 0 || printed < options.max()) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    lastRecord = Instant.now();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (options.key() != null && !options.key().equals(key)) {
                        continue;
                    }
                    out.println(line(record, key));
                    printed++;
                    if (printed == options.max()) {
                        break;
                    }
                }
                out.flush();
                if (!options.idle().isZero() && Instant.now().isAfter(lastRecord.plus(options.idle()))) {
                    break;
                }
            }
            return printed;
        }
    }

    static String line(ConsumerRecord<byte[], byte[]> record, String key) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", key);
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            var value = AvroCodec.decodeAny(record.value());
            line.put("type", value.getSchema().getFullName());
            line.set("value", AvroJson.toJson(value));
        } catch (RuntimeException undecodable) {
            // Dead-letter topics and state topics hold values that are no published record: show them, do not stop.
            line.put("undecodable", undecodable.getMessage());
            line.put("valueBase64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        }
        return line.toString();
    }
}
