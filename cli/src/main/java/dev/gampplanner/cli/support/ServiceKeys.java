package dev.gampplanner.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.signing.KeyRing;
import dev.gampplanner.runtime.signing.SigningKeyLog;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

/**
 * The signing key of every role that writes records (each service and the submitter; the auditor writes nothing):
 * kept in CREDENTIALS/USER.key beside the user's password, its public key published on the keys topic by the
 * administrator. A service reads its file through GAMP_SIGNING_KEY_FILE.
 */
public final class ServiceKeys {

    private final GampConfig admin;
    private final TopicAccess access;
    private final Path credentials;

    /** @param admin the administrator's configuration: only the super user may write the keys topic */
    public ServiceKeys(GampConfig admin, TopicAccess access, Path credentials) {
        this.admin = admin;
        this.access = access;
        this.credentials = credentials.toAbsolutePath();
    }

    /** What became, or would become, of one role's key. */
    public record KeyReport(Role role, Path keyFile, boolean fileCreated, Optional<String> keyId, boolean published) {
    }

    /** What a rotation did: the new key, in use from now, and the old one, valid until the end of the grace period. */
    public record Rotation(Role role, Path keyFile, SigningKey current, SigningKey retired) {
    }

    public static List<Role> signingRoles() {
        return Arrays.stream(Role.values()).filter(role -> role != Role.AUDITOR).toList();
    }

    public static Signer signer(Role role) {
        return Signer.valueOf(role.name());
    }

    public Path keyFile(Role role) {
        return credentials.resolve(access.userName(role) + ".key");
    }

    /**
     * Makes each missing key file and publishes each key not yet on the keys topic (valid from now); a key already
     * published is left as it is, so running it again publishes nothing. With {@code dryRun}, reports only.
     */
    public List<KeyReport> apply(boolean dryRun) {
        KeyRing published = SigningKeyLog.ring(admin);
        Instant now = now();
        List<KeyReport> reports = new ArrayList<>();
        List<SigningKey> toPublish = new ArrayList<>();
        for (Role role : signingRoles()) {
            Path file = keyFile(role);
            boolean exists = Files.exists(file);
            if (!exists && dryRun) {
                reports.add(new KeyReport(role, file, true, Optional.empty(), true));
                continue;
            }
            if (!exists) {
                write(file, SigningKeys.generate());
            }
            KeyPair pair = SigningKeys.read(file);
            String keyId = SigningKeys.keyId(pair.getPublic());
            boolean publish = published.key(keyId).isEmpty();
            if (publish) {
                toPublish.add(SigningKeyLog.entry(signer(role), pair.getPublic(), now, null));
            }
            reports.add(new KeyReport(role, file, !exists, Optional.of(keyId), publish));
        }
        if (!dryRun && !toPublish.isEmpty()) {
            SigningKeyLog.publish(admin, toPublish);
        }
        return List.copyOf(reports);
    }

    /**
     * Replaces the role's key: the new key is published valid from the start of the old one (a service's records
     * carry the timestamps of the inputs they answer, and a restarted planner answers requests written before the
     * rotation), the old one republished valid until now plus {@code grace} (what the service signs before it is
     * restarted on the new file still verifies), and the
     * old private key is removed, since a retired key that still exists could sign records dated back into its
     * validity. Nothing changes when the old key is missing or unpublished, or when publishing fails.
     */
    public Rotation rotate(Role role, Duration grace) {
        if (role == Role.AUDITOR) {
            throw new IllegalArgumentException("the auditor writes nothing and has no signing key; rotate one of "
                + signingRoles().stream().map(Role::label).toList());
        }
        Path file = keyFile(role);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no signing key for " + role.label() + " in " + file + "; run 'gamp security apply' first");
        }
        KeyPair old = SigningKeys.read(file);
        String oldId = SigningKeys.keyId(old.getPublic());
        SigningKey oldPublished = SigningKeyLog.ring(admin).key(oldId).orElseThrow(() -> new IllegalArgumentException(
            "the key in " + file + " (" + oldId + ") is not published; run 'gamp security apply' first"));
        Instant now = now();
        KeyPair next = SigningKeys.generate();
        Path nextFile = file.resolveSibling(file.getFileName() + ".next");
        write(nextFile, next);
        SigningKey current = SigningKeyLog.entry(signer(role), next.getPublic(), oldPublished.getValidFrom(), null);
        SigningKey retired = SigningKeyLog.entry(signer(role), old.getPublic(), oldPublished.getValidFrom(), now.plus(grace));
        try {
            SigningKeyLog.publish(admin, List.of(current, retired));
            Files.move(nextFile, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the new key is published, but " + nextFile + " could not replace " + file
                + "; move it there by hand", e);
        } catch (RuntimeException e) {
            deleteQuietly(nextFile);
            throw e;
        }
        return new Rotation(role, file, current, retired);
    }

    /** Every published key as it stands now (the last record of each), by signer and start of validity. */
    public static List<SigningKey> published(GampConfig config) {
        return SigningKeyLog.ring(config).keys().stream()
            .sorted(Comparator.comparing(SigningKey::getSigner).thenComparing(SigningKey::getValidFrom))
            .toList();
    }

    /** Records carry millisecond timestamps; a validity bound in the same unit compares exactly. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void write(Path file, KeyPair pair) {
        try {
            SigningKeys.write(file, pair);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing key " + file, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The unused key file is left for the operator; it was never published.
        }
    }
}
