package dev.gampplanner.runtime.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.Digests;

/**
 * Ed25519 key pairs as the services keep them: one PEM file holding the private key (PKCS#8) and its public key
 * (X.509), readable by its owner only. The JDK signs and verifies Ed25519 itself, so no provider is needed.
 */
public final class SigningKeys {

    public static final String ALGORITHM = "Ed25519";
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    /** The key's id: the first 16 bytes of the SHA-256 of its X.509 encoding, in hex. */
    public static String keyId(PublicKey key) {
        return Digests.sha256Hex(key.getEncoded()).substring(0, 32);
    }

    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The public key a published SigningKey carries; an encoding that is no Ed25519 key gets an error saying so. */
    public static PublicKey publicKey(SigningKey published) {
        ByteBuffer encoded = published.getPublicKey().duplicate();
        byte[] x509 = new byte[encoded.remaining()];
        encoded.get(x509);
        return publicKey(x509);
    }

    /** Writes the pair to a new file, readable by its owner only; an existing file is never overwritten. */
    public static void write(Path file, KeyPair pair) throws IOException {
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions keeps its own access control.
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Reads a pair written by {@link #write}; a file that holds no such pair gets an error naming the file. */
    public static KeyPair read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the signing key " + file + ": " + e.getMessage(), e);
        }
        byte[] privateDer = null;
        byte[] publicDer = null;
        Matcher blocks = BLOCK.matcher(text);
        while (blocks.find()) {
            byte[] der = Base64.getMimeDecoder().decode(blocks.group(2));
            switch (blocks.group(1)) {
                case "PRIVATE KEY" -> privateDer = der;
                case "PUBLIC KEY" -> publicDer = der;
                default -> { }
            }
        }
        if (privateDer == null || publicDer == null) {
            throw new IllegalArgumentException("the signing key " + file + " must hold a PEM PRIVATE KEY and PUBLIC KEY block");
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateDer));
            KeyPair pair = new KeyPair(publicKey(publicDer), privateKey);
            if (!RecordSignature.matches(pair)) {
                throw new IllegalArgumentException("the signing key " + file + " holds a public key of another private key");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signing key " + file + " is not an Ed25519 key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }
}
