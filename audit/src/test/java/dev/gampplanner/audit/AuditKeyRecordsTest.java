package dev.gampplanner.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.runtime.signing.SigningKeyLog;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * The keys an audit trusts are only those the keys topic really publishes: a record there that publishes no usable
 * key is reported, and what was signed with the key it names is a record signed with an unpublished key.
 */
class AuditKeyRecordsTest {

    private static final TopicCatalog TOPICS = new TopicCatalog("");
    private static final byte[] KEY = "6f1c8f5e-0000-4000-8000-000000000001".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "a refused record".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeysRecordThatPublishesNoUsableKeyIsReportedAndWhatItsKeySignedIsSignedWithAnUnknownKey() {
        KeyPair research = SigningKeys.generate();
        KeyPair sme = SigningKeys.generate();
        long now = System.currentTimeMillis();
        // The SME key's id, but another public key: nothing signed with the SME key may rest on it.
        SigningKey mislabeled = SigningKey.newBuilder(SigningKeyLog.entry(Signer.SME, research.getPublic(), Instant.EPOCH, null))
            .setKeyId(SigningKeys.keyId(sme.getPublic())).build();
        List<LogRecord> keys = List.of(
            keyRecord(0, AvroCodec.encode(SigningKeyLog.entry(Signer.RESEARCH, research.getPublic(), Instant.EPOCH, null)), now),
            keyRecord(1, AvroCodec.encode(mislabeled), now),
            keyRecord(2, "not a key".getBytes(StandardCharsets.UTF_8), now));
        // Dead letters are judged by their signature only: no plan links to check.
        String smeDlq = TopicCatalog.deadLetterQueueOf(TOPICS.agentRequests(AgentKind.SME));
        RecordHeaders signed = new RecordHeaders();
        RecordSignature.sign(sme.getPrivate(), SigningKeys.keyId(sme.getPublic()), smeDlq, KEY, VALUE, signed);
        LogRecord bySme = LogRecord.of(smeDlq, 0, 0, now, KEY, VALUE, signed);
        LogRecord byResearch = LogRecord.of(TopicCatalog.deadLetterQueueOf(TOPICS.agentRequests(AgentKind.RESEARCH)), 0, 0, now, KEY,
            VALUE, new RecordHeaders());
        LogRecord byContext = LogRecord.of(TopicCatalog.deadLetterQueueOf(TOPICS.agentRequests(AgentKind.CONTEXT)), 0, 0, now, KEY,
            VALUE, new RecordHeaders());

        AuditReport report = new AuditVerifier(TOPICS, Duration.ofMinutes(1), Duration.ofMinutes(1))
            .verify(List.of(bySme, byResearch, byContext), keys, Instant.now(), null, null);

        assertThat(report.failures()).extracting(Check::kind, c -> c.record().position()).containsExactlyInAnyOrder(
            tuple(Check.Kind.BAD_KEY, TOPICS.signingKeys() + "-0@1"),
            tuple(Check.Kind.BAD_KEY, TOPICS.signingKeys() + "-0@2"),
            tuple(Check.Kind.UNKNOWN_KEY, bySme.position()),
            tuple(Check.Kind.UNSIGNED, byResearch.position()));
        assertThat(report.failures()).filteredOn(c -> c.record().offset() == 1).singleElement()
            .satisfies(c -> assertThat(c.text()).contains("with the public key whose id is " + SigningKeys.keyId(research.getPublic())));
        assertThat(report.failures()).filteredOn(c -> c.record().offset() == 2).singleElement()
            .satisfies(c -> assertThat(c.text()).startsWith("publishes no SigningKey"));
        assertThat(report.notSigningLine()).hasValue("records of context are not signed: no key published");
        assertThat(report.signedLine()).hasValue("0 record(s) validly signed, 2 not");
    }

    private static LogRecord keyRecord(long offset, byte[] value, long timestamp) {
        return LogRecord.of(TOPICS.signingKeys(), 0, offset, timestamp, ("key-" + offset).getBytes(StandardCharsets.UTF_8), value,
            new RecordHeaders());
    }
}
