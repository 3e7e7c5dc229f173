package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

import dev.gampplanner.cli.support.AccessSetup;
import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.ServiceKeys;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.schema.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Users, ACLs and signing keys: what the broker's super user sets up so every service runs on its own principal and key. */
@Command(name = "security", mixinStandardHelpOptions = true,
    description = "The principals, ACLs and signing keys of a secured deployment; apply and rotate-key run as the broker's super user.",
    subcommands = {SecurityCommand.Apply.class, SecurityCommand.RotateKey.class, SecurityCommand.Keys.class})
public final class SecurityCommand {

    private static final String CREDENTIALS_DEFAULT = "gamp-credentials";

    @Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Creates the users planner, context, sme, research, submitter and auditor (under the topic prefix) with "
            + "SCRAM-SHA-512 and grants each exactly the ACLs derived from the topic catalog; ACLs of these users that the "
            + "catalog does not derive are revoked. Makes a signing key for every user but the auditor and publishes each "
            + "public key on the keys topic once. Idempotent.",
            "Each password is kept in CREDENTIALS/USER.password and each signing key in CREDENTIALS/USER.key (created when "
                + "missing, readable by their owner only); a service reads them with KAFKA_SASL_USERNAME=USER, "
                + "KAFKA_SASL_PASSWORD_FILE=CREDENTIALS/USER.password and GAMP_SIGNING_KEY_FILE=CREDENTIALS/USER.key."})
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dry-run", description = "Print what would be created, granted, revoked and published; change nothing.")
        boolean dryRun;

        @Option(names = "--credentials", paramLabel = "DIR", defaultValue = CREDENTIALS_DEFAULT,
            description = "Directory of the users' password and key files (default ${DEFAULT-VALUE}).")
        Path credentials;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GampConfig config = Environment.connectedConfig();
            TopicAccess access = new TopicAccess(config.topics());
            int granted = 0;
            int kept = 0;
            int revoked = 0;
            try (Admin admin = KafkaClients.admin(config)) {
                for (AccessSetup.RoleReport role : new AccessSetup(admin, access, credentials).apply(dryRun)) {
                    out.printf("%s %s (password in %s)%n", role.userExisted() ? "=" : "+", role.user(), role.passwordFile());
                    print(out, "+", role.granted());
                    print(out, "=", role.kept());
                    print(out, "-", role.revoked());
                    granted += role.granted().size();
                    kept += role.kept().size();
                    revoked += role.revoked().size();
                }
            }
            out.printf("%s %d ACL(s), %d already in place, %s %d%n", dryRun ? "would grant" : "granted", granted, kept,
                dryRun ? "would revoke" : "revoked", revoked);
            int published = 0;
            for (ServiceKeys.KeyReport key : new ServiceKeys(config, access, credentials).apply(dryRun)) {
                String id = key.keyId().orElse("(new)");
                out.printf("%s key %s %s in %s%s%n", key.published() ? "+" : "=", access.userName(key.role()), id, key.keyFile(),
                    key.fileCreated() ? (dryRun ? ", would be made" : ", made") : "");
                published += key.published() ? 1 : 0;
            }
            out.printf("%s %d signing key(s) on %s%n", dryRun ? "would publish" : "published", published, config.topics().signingKeys());
            return 0;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
        description = {"Gives ROLE a new signing key: CREDENTIALS/USER.key is replaced by a new key, published valid from now; "
            + "the old key is republished valid until now plus --grace, and its private key is gone from the directory.",
            "Restart the service with the same GAMP_SIGNING_KEY_FILE within the grace period: what it signs before then "
                + "still verifies; what anyone signs with the old key after it does not."})
    static final class RotateKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ROLE", description = "planner, context, sme, research or submitter")
        String role;

        @Option(names = "--credentials", paramLabel = "DIR", defaultValue = CREDENTIALS_DEFAULT,
            description = "Directory of the key files (default ${DEFAULT-VALUE}).")
        Path credentials;

        @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long records signed with the old key stay valid (default ${DEFAULT-VALUE}).")
        Duration grace;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GampConfig config = Environment.connectedConfig();
            Role which = role(role);
            ServiceKeys.Rotation rotation = new ServiceKeys(config, new TopicAccess(config.topics()), credentials).rotate(which, grace);
            out.printf("+ key %s %s valid from %s, in %s%n", which.label(), rotation.current().getKeyId(),
                rotation.current().getValidFrom(), rotation.keyFile());
            out.printf("- key %s %s valid until %s; its private key is removed%n", which.label(), rotation.retired().getKeyId(),
                rotation.retired().getValidUntil());
            out.printf("restart %s with GAMP_SIGNING_KEY_FILE=%s before %s%n", which.label(), rotation.keyFile(),
                rotation.retired().getValidUntil());
            return 0;
        }

        private static Role role(String label) {
            List<String> names = ServiceKeys.signingRoles().stream().map(Role::label).toList();
            if (!names.contains(label.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("rotate-key takes one of " + names + ", not '" + label + "'");
            }
            return Role.valueOf(label.strip().toUpperCase(Locale.ROOT));
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Lists the signing keys published on the keys topic: signer, key id, algorithm and validity. Compare "
            + "the key ids with those recorded when the keys were made to check that the topic holds no other key.")
    static final class Keys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GampConfig config = Environment.connectedConfig();
            List<SigningKey> keys = ServiceKeys.published(config);
            for (SigningKey key : keys) {
                out.printf("%-10s %s  %s  from %s  %s%n", key.getSigner().name().toLowerCase(Locale.ROOT), key.getKeyId(),
                    key.getAlgorithm(), key.getValidFrom(), key.getValidUntil() == null ? "in use" : "until " + key.getValidUntil());
            }
            out.printf("%d key(s) on %s%n", keys.size(), config.topics().signingKeys());
            return 0;
        }
    }

    private static void print(PrintWriter out, String mark, List<AclBinding> bindings) {
        for (AclBinding binding : bindings) {
            out.printf("    %s %s %s %s%s%n", mark, binding.entry().operation(),
                binding.pattern().resourceType().name().toLowerCase(Locale.ROOT), binding.pattern().name(),
                binding.pattern().patternType() == PatternType.PREFIXED ? "*" : "");
        }
    }
}
