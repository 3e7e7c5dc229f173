package dev.gampplanner.audit;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gampplanner.runtime.signing.KeyRing;
import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.Signer;

/**
 * One verification's signature checks: each record is signed by the role that writes its topic, with a key published
 * for that role and valid when the record was written. A role with no key published does not sign: its records are
 * NOT_SIGNING, which the report states but which is no failure.
 */
final class SignatureChecks {

    private final KeyRing ring;
    private final Map<String, Signer> signers = new HashMap<>();
    private final Map<String, SignatureCheck> verdicts = new HashMap<>();
    private final Set<Signer> notSigning = EnumSet.noneOf(Signer.class);

    SignatureChecks(TopicCatalog topics, KeyRing ring) {
        this.ring = ring;
        TopicAccess access = new TopicAccess(topics);
        for (String topic : topics.allTopics()) {
            access.writer(topic).ifPresent(role -> signers.put(topic, Signer.valueOf(role.name())));
        }
    }

    /** Checks the record's signature if a role writes its topic: a pass when valid, a failure unless NOT_SIGNING. */
    void check(LogRecord record, List<Check> checks) {
        Signer expected = signers.get(record.topic());
        if (expected == null) {
            return;
        }
        SignatureCheck signature = ring.check(expected, record.topic(), record.rawKey(), record.value(), record.rawHeaders(),
            record.timestamp().toEpochMilli());
        verdicts.put(record.position(), signature);
        switch (signature.verdict()) {
            case VALID -> checks.add(Check.pass(record, signature.detail()));
            case NOT_SIGNING -> notSigning.add(expected);
            default -> checks.add(Check.fail(record, Check.Kind.of(signature.verdict()), signature.detail()));
        }
    }

    /** The signature check of each record checked, by position. */
    Map<String, SignatureCheck> verdicts() {
        return verdicts;
    }

    Set<Signer> notSigning() {
        return notSigning;
    }
}
