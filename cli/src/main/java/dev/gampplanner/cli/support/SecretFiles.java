package dev.gampplanner.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Passwords kept in files readable by their owner only, as services read them (KAFKA_SASL_PASSWORD_FILE):
 * a password never appears on a command line or in a process listing.
 */
public final class SecretFiles {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /** The password in {@code file}; a new random one, written there first, when the file does not exist. */
    public static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                StringBuilder password = new StringBuilder();
                for (int i = 0; i < 32; i++) {
                    password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
                }
                write(file, password.toString());
            }
            return Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\R+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the password file " + file, e);
        }
    }

    private static void write(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    }
}
