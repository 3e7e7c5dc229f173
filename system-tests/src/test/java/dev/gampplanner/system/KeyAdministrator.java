package dev.gampplanner.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;

/** The administrator's part in a test: a key file per service, and its public key published (or retired) on the keys topic. */
final class KeyAdministrator implements AutoCloseable {

    private final GampConfig config;
    private final Path dir;
    private final KafkaProducer<byte[], byte[]> producer;

    /** @param config an unsigned configuration: the administrator's records carry no service's signature */
    KeyAdministrator(GampConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).apply();
        }
        this.producer = KafkaClients.producer(config, "key-administrator");
    }

    /** A new key pair in its own file, as a service's GAMP_SIGNING_KEY_FILE. */
    Path newKeyFile(String name) throws Exception {
        Path file = dir.resolve(name + ".key");
        SigningKeys.write(file, SigningKeys.generate());
        return file;
    }

    SigningKey publish(Signer signer, Path keyFile, Instant validFrom) throws Exception {
        KeyPair pair = SigningKeys.read(keyFile);
        return send(SigningKey.newBuilder().setKeyId(SigningKeys.keyId(pair.getPublic())).setSigner(signer)
            .setPublicKey(ByteBuffer.wrap(pair.getPublic().getEncoded())).setValidFrom(millis(validFrom)).setValidUntil(null).build());
    }

    /** Republishes the key valid until {@code until}: what it signed later is no longer its signer's. */
    SigningKey retire(SigningKey key, Instant until) throws Exception {
        return send(SigningKey.newBuilder(key).setValidUntil(millis(until)).build());
    }

    /** The instant as the published record keeps it, so the returned key equals the one read back. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private SigningKey send(SigningKey key) throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(config.topics().signingKeys(), key.getKeyId().getBytes(StandardCharsets.UTF_8),
            AvroCodec.encode(key))).get();
        return key;
    }

    @Override
    public void close() {
        producer.close();
    }
}
