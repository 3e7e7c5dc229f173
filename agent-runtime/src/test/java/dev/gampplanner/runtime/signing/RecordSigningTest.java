package dev.gampplanner.runtime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.ConfigException;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

@ExtendWith(KafkaBrokerExtension.class)
class RecordSigningTest {

    private static final byte[] KEY = "6f1c8f5e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "a result".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeyFileIsTheOwnersAloneAndReadsBackAsTheSamePair(@TempDir Path dir) throws Exception {
        KeyPair pair = SigningKeys.generate();
        Path file = dir.resolve("sme.key");
        SigningKeys.write(file, pair);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyPair read = SigningKeys.read(file);
        assertThat(read.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(read.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKeys.write(file, SigningKeys.generate())).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void aKeyFileThatHoldsNoPairIsRefusedByTheConfigurationWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path mismatched = dir.resolve("mismatched.key");
        String pem = Files.readString(writeKey(dir.resolve("a.key")));
        String other = Files.readString(writeKey(dir.resolve("b.key")));
        Files.writeString(mismatched, pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY")) + other.substring(other.indexOf("-----BEGIN PUBLIC KEY")));
        Path empty = Files.writeString(dir.resolve("empty.key"), "nothing here");

        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of(Setting.SIGNING_KEY_FILE.variable(), mismatched.toString())))
            .isInstanceOf(ConfigException.class).hasMessageContaining("GAMP_SIGNING_KEY_FILE").hasMessageContaining("another private key");
        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of(Setting.SIGNING_KEY_FILE.variable(), empty.toString())))
            .isInstanceOf(ConfigException.class).hasMessageContaining("PRIVATE KEY and PUBLIC KEY");
        assertThatThrownBy(() -> GampConfig.fromEnvironment(Map.of(Setting.SIGNING_KEY_FILE.variable(), dir.resolve("absent.key").toString())))
            .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read the signing key");
    }

    @Test
    void aSignatureCoversTopicKeyAndValueAndNamesItsKey() {
        KeyPair pair = SigningKeys.generate();
        SigningKey published = published(Signer.SME, pair, Instant.EPOCH, null);
        KeyRing ring = KeyRing.of(List.of(published));
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(pair.getPrivate(), published.getKeyId(), "agent.sme.results", KEY, VALUE, headers);
        long now = System.currentTimeMillis();

        assertThat(ring.check(Signer.SME, "agent.sme.results", KEY, VALUE, headers, now).verdict()).isEqualTo(SignatureCheck.Verdict.VALID);
        assertThat(ring.check(Signer.SME, "agent.context.results", KEY, VALUE, headers, now).verdict())
            .isEqualTo(SignatureCheck.Verdict.BAD_SIGNATURE);
        assertThat(ring.check(Signer.SME, "agent.sme.results", "another".getBytes(StandardCharsets.UTF_8), VALUE, headers, now).verdict())
            .isEqualTo(SignatureCheck.Verdict.BAD_SIGNATURE);
        assertThat(ring.check(Signer.SME, "agent.sme.results", KEY, "changed".getBytes(StandardCharsets.UTF_8), headers, now).verdict())
            .isEqualTo(SignatureCheck.Verdict.BAD_SIGNATURE);
        assertThat(ring.check(Signer.RESEARCH, "agent.sme.results", KEY, VALUE, headers, now).verdict())
            .isEqualTo(SignatureCheck.Verdict.WRONG_SIGNER);
        assertThat(ring.check(Signer.SME, "agent.sme.results", KEY, VALUE, new RecordHeaders(), now).verdict())
            .isEqualTo(SignatureCheck.Verdict.UNSIGNED);
        assertThat(ring.check(Signer.CONTEXT, "agent.context.results", KEY, VALUE, new RecordHeaders(), now).verdict())
            .isEqualTo(SignatureCheck.Verdict.NOT_SIGNING);
        assertThat(new KeyRing().check(Signer.SME, "agent.sme.results", KEY, VALUE, headers, now).verdict())
            .isEqualTo(SignatureCheck.Verdict.UNKNOWN_KEY);
    }

    @Test
    void aRetiredKeyVerifiesWhatItSignedWhileValidAndNothingAfter() {
        KeyPair pair = SigningKeys.generate();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = from.plus(Duration.ofHours(1));
        KeyRing ring = KeyRing.of(List.of(published(Signer.PLANNER, pair, from, null)));
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(pair.getPrivate(), SigningKeys.keyId(pair.getPublic()), "plan.merged", KEY, VALUE, headers);

        ring.put(published(Signer.PLANNER, pair, from, until));

        assertThat(ring.check(Signer.PLANNER, "plan.merged", KEY, VALUE, headers, until.toEpochMilli()).verdict())
            .isEqualTo(SignatureCheck.Verdict.VALID);
        assertThat(ring.check(Signer.PLANNER, "plan.merged", KEY, VALUE, headers, until.toEpochMilli() + 1).verdict())
            .isEqualTo(SignatureCheck.Verdict.KEY_NOT_VALID);
        assertThat(ring.check(Signer.PLANNER, "plan.merged", KEY, VALUE, headers, from.toEpochMilli() - 1).verdict())
            .isEqualTo(SignatureCheck.Verdict.KEY_NOT_VALID);
    }

    @Test
    void aServiceWithASigningKeySignsWhatItWritesToGampTopicsOnTheBroker(TestBroker broker, @TempDir Path dir) throws Exception {
        Path keyFile = writeKey(dir.resolve("sme.key"));
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"), Map.of(Setting.SIGNING_KEY_FILE.variable(), keyFile.toString()));
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).apply();
        }
        KeyPair pair = config.signingKey().orElseThrow();
        KeyRing ring = KeyRing.of(List.of(published(Signer.SME, pair, Instant.EPOCH, null)));
        String topic = config.topics().agentResults(AgentKind.SME);

        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "signing-test")) {
            producer.send(new ProducerRecord<>(topic, KEY, VALUE)).get();
        }
        ConsumerRecord<byte[], byte[]> read = readOne(config, topic);

        assertThat(ring.check(Signer.SME, read.topic(), read.key(), read.value(), read.headers(), read.timestamp()).verdict())
            .isEqualTo(SignatureCheck.Verdict.VALID);
        assertThat(RecordSignature.claim(read.headers()).orElseThrow().keyId()).isEqualTo(SigningKeys.keyId(pair.getPublic()));
    }

    private static ConsumerRecord<byte[], byte[]> readOne(GampConfig config, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "signing-test-reader", null)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }

    private static Path writeKey(Path file) throws Exception {
        SigningKeys.write(file, SigningKeys.generate());
        return file;
    }

    static SigningKey published(Signer signer, KeyPair pair, Instant from, Instant until) {
        return SigningKey.newBuilder()
            .setKeyId(SigningKeys.keyId(pair.getPublic()))
            .setSigner(signer)
            .setPublicKey(ByteBuffer.wrap(pair.getPublic().getEncoded()))
            .setValidFrom(from)
            .setValidUntil(until)
            .build();
    }
}
