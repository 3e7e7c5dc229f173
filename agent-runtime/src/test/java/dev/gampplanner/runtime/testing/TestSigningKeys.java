package dev.gampplanner.runtime.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;

/** Published signing keys for tests, as the administrator writes them to security.signing-keys: keyed by key id. */
public final class TestSigningKeys {

    private TestSigningKeys() {
    }

    /** The record publishing the pair's public key for {@code signer}, valid from {@code from} until {@code until} (null: open). */
    public static SigningKey record(Signer signer, KeyPair pair, Instant from, Instant until) {
        return SigningKey.newBuilder()
            .setKeyId(SigningKeys.keyId(pair.getPublic()))
            .setSigner(signer)
            .setPublicKey(ByteBuffer.wrap(pair.getPublic().getEncoded()))
            .setValidFrom(from)
            .setValidUntil(until)
            .build();
    }

    /** The record's key on the topic: its key id. */
    public static byte[] topicKey(SigningKey key) {
        return key.getKeyId().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the keys to the signing keys topic with the administrator's configuration and waits for the broker. */
    public static void publish(GampConfig admin, SigningKey... keys) throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(admin, "key-publisher")) {
            for (SigningKey key : keys) {
                producer.send(new ProducerRecord<>(admin.topics().signingKeys(), topicKey(key), AvroCodec.encode(key)))
                    .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
