package dev.gampplanner.runtime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/**
 * Reads a topic from the beginning, committed records only, the way an auditor would. Waits are
 * bounded and end as soon as the condition holds: no sleeps.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    public TopicProbe(GampConfig config, String topic) {
        this.consumer = KafkaClients.consumer(config, "probe-" + topic, null);
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist yet; start the services before probing");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    /** Every record read so far, in the order read. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> records() {
        return List.copyOf(seen);
    }

    /** Reads until {@code done} holds for the records read so far, or fails after {@code timeout}. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> awaitUntil(Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
                                                                         Duration timeout, String what) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen)) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; read "
                    + seen.size() + " record(s)");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    public List<ConsumerRecord<byte[], byte[]>> awaitCount(int count, Duration timeout) {
        return awaitUntil(records -> records.size() >= count, timeout, count + " record(s)");
    }

    /** Reads whatever arrives within {@code quiet}; for asserting that nothing more came. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> drain(Duration quiet) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** How many records per key, for exactly-once assertions. */
    public static Map<String, Long> countByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().collect(Collectors.groupingBy(
            r -> r.key() == null ? "<null>" : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
            Collectors.counting()));
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
