package dev.gampplanner.runtime.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

@ExtendWith(KafkaBrokerExtension.class)
class SigningKeyLogTest {

    @Test
    void theLastRecordOfAKeyHoldsItsValidityAndOtherRecordsAreSkipped(TestBroker broker, @TempDir Path dir) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, dir, Map.of());
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).apply();
        }
        PublicKey planner = SigningKeys.generate().getPublic();
        PublicKey sme = SigningKeys.generate().getPublic();
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = from.plusSeconds(300);

        SigningKeyLog.publish(config, List.of(SigningKeyLog.entry(Signer.PLANNER, planner, from, null),
            SigningKeyLog.entry(Signer.SME, sme, from, null)));
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "not-a-key")) {
            producer.send(new ProducerRecord<>(config.topics().signingKeys(), "junk".getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        SigningKeyLog.publish(config, List.of(SigningKeyLog.entry(Signer.PLANNER, planner, from, until)));

        List<SigningKey> read = SigningKeyLog.read(config);
        assertThat(read).hasSize(3);
        KeyRing ring = KeyRing.of(read);
        SigningKey retired = ring.key(SigningKeys.keyId(planner)).orElseThrow();
        assertThat(retired.getSigner()).isEqualTo(Signer.PLANNER);
        assertThat(retired.getValidFrom()).isEqualTo(from);
        assertThat(retired.getValidUntil()).isEqualTo(until);
        assertThat(ring.key(SigningKeys.keyId(sme)).orElseThrow().getValidUntil()).isNull();
        assertThat(ring.signs(Signer.CONTEXT)).isFalse();
    }

    @Test
    void readingBeforeTheTopicExistsSaysToCreateIt(TestBroker broker, @TempDir Path dir) {
        GampConfig config = TestConfigs.fresh(broker, dir, Map.of());

        assertThatThrownBy(() -> SigningKeyLog.read(config)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("gamp topics apply");
    }
}
