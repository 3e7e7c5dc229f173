package dev.gampplanner.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/** The floor beneath the system: p50 of a plain produce → consume round trip with the services' reliability settings. */
final class FloorPhase implements BenchPhase {

    private static final int WARM_UP = 20;

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void run(Bench bench) throws Exception {
        int samples = bench.options().floorSamples();
        bench.say("floor: %d plain produce-consume round trips", samples);
        GampConfig config = bench.namespace("bench-floor");
        String topic = config.topics().prefix() + "bench.floor";
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get();
        }
        Map<String, Object> producerProps = KafkaClients.producerProps(config, "bench-floor");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        List<Double> times = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "bench-floor", null)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            byte[] value = new byte[1024];
            for (int i = 0; i < samples + WARM_UP; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
                boolean received = false;
                while (!received) {
                    received = !consumer.poll(Duration.ofMillis(100)).isEmpty();
                }
                if (i >= WARM_UP) {
                    times.add((System.nanoTime() - sent) / 1e6);
                }
            }
        }
        bench.report().floor(Percentiles.of(times));
    }
}
