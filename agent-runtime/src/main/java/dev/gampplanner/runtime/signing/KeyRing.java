package dev.gampplanner.runtime.signing;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.header.Headers;

import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

/**
 * The published signing keys, as read from security.signing-keys: the last record for a key id holds its validity.
 * A signer with any key published must sign every record; once the administrator publishes a service's key, no
 * writer can fall back to unsigned records for it.
 */
public final class KeyRing {

    private final Map<String, SigningKey> keys = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> decoded = new ConcurrentHashMap<>();

    public static KeyRing of(Collection<SigningKey> published) {
        KeyRing ring = new KeyRing();
        published.forEach(ring::put);
        return ring;
    }

    /** Takes a published key, or a later record of one already known (its new validity). */
    public void put(SigningKey key) {
        decoded.remove(key.getKeyId());
        keys.put(key.getKeyId(), key);
    }

    public Optional<SigningKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public List<SigningKey> keys() {
        return List.copyOf(keys.values());
    }

    public boolean signs(Signer signer) {
        return keys.values().stream().anyMatch(key -> key.getSigner() == signer);
    }

    /** Checks that the record, written at {@code timestamp}, is signed by a key of {@code expected} valid then. */
    public SignatureCheck check(Signer expected, String topic, byte[] recordKey, byte[] value, Headers headers, long timestamp) {
        Optional<RecordSignature.Claim> claim = RecordSignature.claim(headers);
        if (claim.isEmpty()) {
            return signs(expected)
                ? new SignatureCheck(SignatureCheck.Verdict.UNSIGNED, "", "unsigned, but " + expected + " signs its records")
                : new SignatureCheck(SignatureCheck.Verdict.NOT_SIGNING, "", "unsigned; no key of " + expected + " is published");
        }
        String keyId = claim.get().keyId();
        SigningKey key = keys.get(keyId);
        if (key == null) {
            return new SignatureCheck(SignatureCheck.Verdict.UNKNOWN_KEY, keyId, "signed with key " + keyId + ", which is not published");
        }
        if (key.getSigner() != expected) {
            return new SignatureCheck(SignatureCheck.Verdict.WRONG_SIGNER, keyId,
                "signed with a key of " + key.getSigner() + ", not of " + expected);
        }
        if (!validAt(key, timestamp)) {
            return new SignatureCheck(SignatureCheck.Verdict.KEY_NOT_VALID, keyId, "written at " + Instant.ofEpochMilli(timestamp)
                + ", outside the validity of key " + keyId + " (" + validity(key) + ")");
        }
        PublicKey publicKey = decoded.computeIfAbsent(keyId, id -> SigningKeys.publicKey(key));
        if (!RecordSignature.verifies(publicKey, claim.get().signature(), topic, recordKey, value)) {
            return new SignatureCheck(SignatureCheck.Verdict.BAD_SIGNATURE, keyId,
                "the signature of key " + keyId + " does not match the record's topic, key and value");
        }
        return new SignatureCheck(SignatureCheck.Verdict.VALID, keyId, "signed by " + expected + " with key " + keyId);
    }

    private static boolean validAt(SigningKey key, long timestamp) {
        return timestamp >= key.getValidFrom().toEpochMilli()
            && (key.getValidUntil() == null || timestamp <= key.getValidUntil().toEpochMilli());
    }

    private static String validity(SigningKey key) {
        return "from " + key.getValidFrom() + (key.getValidUntil() == null ? "" : " until " + key.getValidUntil());
    }
}
