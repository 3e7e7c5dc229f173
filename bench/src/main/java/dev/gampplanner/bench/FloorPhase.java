package dev.gampplanner.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/**
 * The floors beneath the system, each a round trip of one 1 KB record with the services' own client settings:
 * plain produce → consume, and produce → one exactly-once read-process-write hop ({@link TransactionalHop},
 * committing at the services' commit interval) → read-committed consume. A plan crosses two such hops.
 */
final class FloorPhase implements BenchPhase {

    private static final int WARM_UP = 20;
    private static final Duration POLL = Duration.ofMillis(100);

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void run(Bench bench) throws Exception {
        BenchRunner.Options options = bench.options();
        GampConfig config = bench.namespace("bench-floor");
        String plain = config.topics().prefix() + "bench.floor";
        String hopIn = config.topics().prefix() + "bench.floor-tx.in";
        String hopOut = config.topics().prefix() + "bench.floor-tx.out";
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(plain, hopIn, hopOut).stream()
                .map(topic -> new NewTopic(topic, Optional.of(1), Optional.empty())).toList()).all().get();
        }
        // One hop for every round: a new one would read the earlier rounds' input again.
        try (TransactionalHop hop = TransactionalHop.start(config, hopIn, hopOut)) {
            for (int round = 1; round <= options.repeats(); round++) {
                bench.say("floor %d/%d: %d plain round trips, %d through an exactly-once hop (commit interval %d ms)", round,
                    options.repeats(), options.floorSamples(), options.floorTxSamples(), config.commitInterval().toMillis());
                bench.report().floor(roundTrips(config, plain, plain, options.floorSamples()));
                bench.report().floorTx(roundTrips(config, hopIn, hopOut, options.floorTxSamples()));
            }
        }
    }

    /** Sends one record at a time to {@code to} and times until it can be read, committed, from {@code from}. */
    private static Percentiles roundTrips(GampConfig config, String to, String from, int samples) {
        Map<String, Object> producerProps = KafkaClients.producerProps(config, "bench-floor");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        List<Double> times = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "bench-floor", null)) {
            TopicPartition partition = new TopicPartition(from, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            byte[] value = new byte[1024];
            for (int i = 0; i < samples + WARM_UP; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(to, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
                ConsumerRecords<byte[], byte[]> received = ConsumerRecords.empty();
                long giveUp = sent + Duration.ofSeconds(30).toNanos();
                while (received.isEmpty()) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("no record came back from " + from + " within 30 s");
                    }
                    received = consumer.poll(POLL);
                }
                if (i >= WARM_UP) {
                    times.add((System.nanoTime() - sent) / 1e6);
                }
            }
        }
        return Percentiles.of(times);
    }
}
