package dev.gampplanner.system;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.SigningKeyLog;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;

/** The administrator's part in a test: a key file per service, and its public key published (or retired) on the keys topic. */
final class KeyAdministrator {

    private final GampConfig config;
    private final Path dir;

    /** @param config an unsigned configuration: the administrator's records carry no service's signature */
    KeyAdministrator(GampConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).apply();
        }
    }

    /** A new key pair in its own file, as a service's GAMP_SIGNING_KEY_FILE. */
    Path newKeyFile(String name) throws Exception {
        Path file = dir.resolve(name + ".key");
        SigningKeys.write(file, SigningKeys.generate());
        return file;
    }

    SigningKey publish(Signer signer, Path keyFile, Instant validFrom) {
        return send(SigningKeyLog.entry(signer, SigningKeys.read(keyFile).getPublic(), millis(validFrom), null));
    }

    /** Republishes the key valid until {@code until}: what it signed later is no longer its signer's. */
    SigningKey retire(SigningKey key, Instant until) {
        return send(SigningKey.newBuilder(key).setValidUntil(millis(until)).build());
    }

    private SigningKey send(SigningKey key) {
        SigningKeyLog.publish(config, List.of(key));
        return key;
    }

    /** The instant as the published record keeps it, so the returned key equals the one read back. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
