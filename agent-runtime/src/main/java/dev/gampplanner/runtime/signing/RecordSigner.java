package dev.gampplanner.runtime.signing;

import java.security.KeyPair;
import java.util.Set;

import org.apache.kafka.common.header.Headers;

/**
 * This process's signing key, and the topics whose records it signs: the audit topics and their DLQs, never a
 * Streams application's internal topics, which are private state and not evidence.
 */
public record RecordSigner(String keyId, KeyPair keys, Set<String> topics) {

    public RecordSigner {
        topics = Set.copyOf(topics);
    }

    public static RecordSigner of(KeyPair keys, Set<String> topics) {
        return new RecordSigner(SigningKeys.keyId(keys.getPublic()), keys, topics);
    }

    public boolean signs(String topic) {
        return topics.contains(topic);
    }

    public void sign(String topic, byte[] key, byte[] value, Headers headers) {
        RecordSignature.sign(keys.getPrivate(), keyId, topic, key, value, headers);
    }

    @Override
    public String toString() {
        return "RecordSigner[" + keyId + "]";
    }
}
