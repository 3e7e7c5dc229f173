package dev.gampplanner.runtime.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Ed25519 signature of one record, over its topic, key and value, carried in two headers: the signature and the id
 * of the key that made it. The signed bytes spell each part's length first, so no two records sign the same bytes.
 * Other headers are not signed: they carry operational facts (worker, attempt) that say nothing about the plan.
 */
public final class RecordSignature {

    public static final String SIGNATURE_HEADER = "gamp.signature";
    public static final String KEY_HEADER = "gamp.signing-key";
    private static final byte[] CONTEXT = "gamp-record-signature-v1".getBytes(StandardCharsets.US_ASCII);

    /** What a record's headers say about who signed it. */
    public record Claim(String keyId, byte[] signature) {
    }

    private RecordSignature() {
    }

    /** Signs the record and puts the signature and key id in its headers, replacing any there were. */
    public static void sign(PrivateKey key, String keyId, String topic, byte[] recordKey, byte[] value, Headers headers) {
        byte[] signature = signature(key, topic, recordKey, value);
        headers.remove(SIGNATURE_HEADER);
        headers.remove(KEY_HEADER);
        headers.add(KEY_HEADER, keyId.getBytes(StandardCharsets.US_ASCII));
        headers.add(SIGNATURE_HEADER, signature);
    }

    /** The claim a record's headers make, if it carries both headers. */
    public static Optional<Claim> claim(Headers headers) {
        Header key = headers.lastHeader(KEY_HEADER);
        Header signature = headers.lastHeader(SIGNATURE_HEADER);
        if (key == null || signature == null || key.value() == null || signature.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new Claim(new String(key.value(), StandardCharsets.US_ASCII), signature.value()));
    }

    /** Whether {@code signature} is the key's signature of the record. */
    public static boolean verifies(PublicKey key, byte[] signature, String topic, byte[] recordKey, byte[] value) {
        try {
            Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message(topic, recordKey, value));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the pair's public key verifies what its private key signs. */
    static boolean matches(KeyPair pair) {
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        return verifies(pair.getPublic(), signature(pair.getPrivate(), "", probe, probe), "", probe, probe);
    }

    private static byte[] signature(PrivateKey key, String topic, byte[] recordKey, byte[] value) {
        try {
            Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
            signer.initSign(key);
            signer.update(message(topic, recordKey, value));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a record for " + topic + ": " + e.getMessage(), e);
        }
    }

    private static byte[] message(String topic, byte[] recordKey, byte[] value) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int size = CONTEXT.length + 3 * Integer.BYTES + topicBytes.length + length(recordKey) + length(value);
        ByteBuffer message = ByteBuffer.allocate(size).put(CONTEXT);
        part(message, topicBytes);
        part(message, recordKey);
        part(message, value);
        return message.array();
    }

    private static int length(byte[] part) {
        return part == null ? 0 : part.length;
    }

    /** A part as its length (-1 for null) and its bytes. */
    private static void part(ByteBuffer message, byte[] part) {
        message.putInt(part == null ? -1 : part.length);
        if (part != null) {
            message.put(part);
        }
    }
}
