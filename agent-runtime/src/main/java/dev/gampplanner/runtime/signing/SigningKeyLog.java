package dev.gampplanner.runtime.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * The published signing keys on security.signing-keys: read from the beginning to the end offsets at the moment of
 * reading, and written keyed by key id, so every record of one key stays in order in one partition and the last
 * one holds its validity ({@link KeyRing#of} applies them in that order).
 */
public final class SigningKeyLog {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyLog.class);

    private SigningKeyLog() {
    }

    /** A public key as published: its id, its signer and when records signed with it are valid ({@code until} null: in use). */
    public static SigningKey entry(Signer signer, PublicKey key, Instant from, Instant until) {
        return SigningKey.newBuilder()
            .setKeyId(SigningKeys.keyId(key))
            .setSigner(signer)
            .setAlgorithm(SigningKeys.ALGORITHM)
            .setPublicKey(ByteBuffer.wrap(key.getEncoded()))
            .setValidFrom(from)
            .setValidUntil(until)
            .build();
    }

    /**
     * Every record on the keys topic, in the order each key's records were written. A record that is not a
     * SigningKey is skipped with a warning: it names no key, so no signature can rest on it.
     */
    public static List<SigningKey> read(GampConfig config) {
        String topic = config.topics().signingKeys();
        List<SigningKey> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "gamp-signing-keys-reader", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("the topic " + topic + " does not exist on " + config.bootstrapServers()
                    + " (create the topics first: gamp topics apply)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(keys::add);
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }
        return List.copyOf(keys);
    }

    /** The published keys as a ring, for checking records against them. */
    public static KeyRing ring(GampConfig config) {
        return KeyRing.of(read(config));
    }

    /** Writes each key, keyed by its id, and returns once the broker has them all. Only the administrator may write the topic. */
    public static void publish(GampConfig config, List<SigningKey> keys) {
        String topic = config.topics().signingKeys();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "gamp-signing-keys-publisher")) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (SigningKey key : keys) {
                sent.add(producer.send(new ProducerRecord<>(topic, key.getKeyId().getBytes(StandardCharsets.UTF_8), AvroCodec.encode(key))));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the signing keys on " + topic
                + " (only the administrator may publish them): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the signing keys", e);
        }
    }

    private static Optional<SigningKey> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.of(AvroCodec.decode(record.value(), SigningKey.class));
        } catch (InvalidRecordException e) {
            log.warn("skipping record {}-{}@{} on the keys topic: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
