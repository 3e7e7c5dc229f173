package dev.gampplanner.cli.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.KeyRing;
import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.runtime.signing.SigningKeyLog;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

@ExtendWith(KafkaBrokerExtension.class)
class ServiceKeysTest {

    private static final byte[] KEY = "6f1c8f5e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "a result".getBytes(StandardCharsets.UTF_8);

    @Test
    void applyMakesEachWritersKeyOnceAndPublishesItOnceAndADryRunChangesNothing(TestBroker broker, @TempDir Path dir) throws Exception {
        GampConfig admin = provisioned(broker, dir);
        Path credentials = dir.resolve("credentials");
        ServiceKeys keys = new ServiceKeys(admin, new TopicAccess(admin.topics()), credentials);

        List<ServiceKeys.KeyReport> dryRun = keys.apply(true);
        assertThat(dryRun).extracting(ServiceKeys.KeyReport::role)
            .containsExactly(Role.PLANNER, Role.CONTEXT, Role.SME, Role.RESEARCH, Role.SUBMITTER);
        assertThat(dryRun).allSatisfy(r -> assertThat(r.fileCreated() && r.published()).isTrue());
        assertThat(credentials).doesNotExist();
        assertThat(SigningKeyLog.read(admin)).isEmpty();

        List<ServiceKeys.KeyReport> first = keys.apply(false);
        assertThat(first).allSatisfy(r -> {
            assertThat(r.fileCreated()).isTrue();
            assertThat(r.published()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.keyFile()))).isEqualTo("rw-------");
            assertThat(r.keyId()).contains(SigningKeys.keyId(SigningKeys.read(r.keyFile()).getPublic()));
        });
        assertThat(keys.keyFile(Role.PLANNER)).isEqualTo(credentials.toAbsolutePath().resolve(admin.topics().prefix() + "planner.key"));
        assertThat(keys.apply(false)).allSatisfy(r -> {
            assertThat(r.fileCreated()).isFalse();
            assertThat(r.published()).isFalse();
        });
        assertThat(keys.apply(true)).noneMatch(ServiceKeys.KeyReport::published);

        List<SigningKey> published = SigningKeyLog.read(admin);
        assertThat(published).hasSize(5).allSatisfy(k -> assertThat(k.getValidUntil()).isNull());
        assertThat(published).extracting(SigningKey::getSigner)
            .containsExactlyInAnyOrder(Signer.PLANNER, Signer.CONTEXT, Signer.SME, Signer.RESEARCH, Signer.SUBMITTER);
    }

    @Test
    void aRotatedKeyVerifiesWhatItSignedWithinTheGraceAndItsPrivateKeyIsGone(TestBroker broker, @TempDir Path dir) throws Exception {
        GampConfig admin = provisioned(broker, dir);
        ServiceKeys keys = new ServiceKeys(admin, new TopicAccess(admin.topics()), dir.resolve("credentials"));
        keys.apply(false);
        Path file = keys.keyFile(Role.SME);
        KeyPair old = SigningKeys.read(file);
        String topic = admin.topics().agentResults(AgentKind.SME);
        RecordHeaders signedBefore = signed(old, topic);

        ServiceKeys.Rotation rotation = keys.rotate(Role.SME, Duration.ofMinutes(5));

        KeyPair current = SigningKeys.read(file);
        assertThat(current.getPublic().getEncoded()).isNotEqualTo(old.getPublic().getEncoded());
        assertThat(rotation.current().getKeyId()).isEqualTo(SigningKeys.keyId(current.getPublic()));
        assertThat(Files.readString(file)).doesNotContain(pemBody(old));
        assertThat(file.resolveSibling(file.getFileName() + ".next")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        KeyRing ring = SigningKeyLog.ring(admin);
        SigningKey retired = ring.key(SigningKeys.keyId(old.getPublic())).orElseThrow();
        assertThat(rotation.current().getValidFrom()).isEqualTo(retired.getValidFrom());
        assertThat(ring.key(rotation.current().getKeyId()).orElseThrow().getValidUntil()).isNull();
        Instant rotatedAt = retired.getValidUntil().minus(Duration.ofMinutes(5));
        assertThat(rotatedAt).isBetween(Instant.now().minusSeconds(120), Instant.now());
        long withinGrace = rotatedAt.plusSeconds(60).toEpochMilli();
        long afterGrace = retired.getValidUntil().toEpochMilli() + 1;
        assertThat(ring.check(Signer.SME, topic, KEY, VALUE, signedBefore, withinGrace).verdict()).isEqualTo(SignatureCheck.Verdict.VALID);
        assertThat(ring.check(Signer.SME, topic, KEY, VALUE, signedBefore, afterGrace).verdict())
            .isEqualTo(SignatureCheck.Verdict.KEY_NOT_VALID);
        assertThat(ring.check(Signer.SME, topic, KEY, VALUE, signed(current, topic), afterGrace).verdict())
            .isEqualTo(SignatureCheck.Verdict.VALID);
        assertThat(ServiceKeys.published(admin)).hasSize(6);
        assertThat(keys.apply(false)).noneMatch(ServiceKeys.KeyReport::published);
    }

    @Test
    void aRotationWithoutAKeyOrForTheAuditorIsRefusedAndChangesNothing(TestBroker broker, @TempDir Path dir) {
        GampConfig admin = provisioned(broker, dir);
        ServiceKeys keys = new ServiceKeys(admin, new TopicAccess(admin.topics()), dir.resolve("credentials"));

        assertThatThrownBy(() -> keys.rotate(Role.PLANNER, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("gamp security apply");
        assertThatThrownBy(() -> keys.rotate(Role.AUDITOR, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no signing key");
        assertThat(SigningKeyLog.read(admin)).isEmpty();
    }

    private static GampConfig provisioned(TestBroker broker, Path dir) {
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"), Map.of());
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).apply();
        }
        return config;
    }

    private static RecordHeaders signed(KeyPair pair, String topic) {
        RecordHeaders headers = new RecordHeaders();
        RecordSignature.sign(pair.getPrivate(), SigningKeys.keyId(pair.getPublic()), topic, KEY, VALUE, headers);
        return headers;
    }

    private static String pemBody(KeyPair pair) {
        return Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded()).lines()
            .findFirst().orElseThrow();
    }
}
