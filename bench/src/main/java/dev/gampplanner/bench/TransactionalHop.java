package dev.gampplanner.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/**
 * One exactly-once read-process-write hop, as a planner Streams thread makes it: read committed records, write
 * each to the output in a transaction, and commit the transaction with the input offsets once the commit interval
 * has passed since the last commit. What the floor round trip through it costs is what Kafka's transactions cost.
 */
final class TransactionalHop implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(5);

    private final GampConfig config;
    private final String input;
    private final String output;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private TransactionalHop(GampConfig config, String input, String output) {
        this.config = config;
        this.input = input;
        this.output = output;
        this.thread = new Thread(this::loop, "bench-transactional-hop");
    }

    static TransactionalHop start(GampConfig config, String input, String output) {
        TransactionalHop hop = new TransactionalHop(config, input, output);
        hop.thread.start();
        return hop;
    }

    private void loop() {
        String id = config.topics().groupId("bench-floor-tx-" + System.nanoTime());
        Map<String, Object> producerProps = KafkaClients.producerProps(config, id);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, id, id)) {
            producer.initTransactions();
            consumer.subscribe(List.of(input));
            long intervalNanos = config.commitInterval().toNanos();
            long lastCommit = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (offsets.isEmpty()) {
                        producer.beginTransaction();
                    }
                    producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                if (!offsets.isEmpty() && System.nanoTime() - lastCommit >= intervalNanos) {
                    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                    producer.commitTransaction();
                    offsets.clear();
                    lastCommit = System.nanoTime();
                }
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** Stops the hop; fails when it stopped on an error of its own. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the exactly-once hop failed: " + failed.getMessage(), failed);
        }
    }
}
