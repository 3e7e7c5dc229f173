package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;

import dev.gampplanner.cli.support.AccessSetup;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.topics.TopicAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates a SCRAM user per service, for submitters and for auditors, and the least-privilege ACLs each needs. */
@Command(name = "security", mixinStandardHelpOptions = true,
    description = {"apply: creates the users planner, context, sme, research, submitter and auditor (under the topic "
        + "prefix) with SCRAM-SHA-512, and grants each exactly the ACLs derived from the topic catalog; ACLs of these "
        + "users that the catalog does not derive are revoked. Idempotent. Run it as the broker's super user.",
        "Each password is kept in CREDENTIALS/USER.password (created when missing); a service reads it with "
            + "KAFKA_SASL_USERNAME=USER and KAFKA_SASL_PASSWORD_FILE=CREDENTIALS/USER.password."})
public final class SecurityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ACTION", description = "apply")
    String action;

    @Option(names = "--dry-run", description = "Print what would be created, granted and revoked; change nothing.")
    boolean dryRun;

    @Option(names = "--credentials", paramLabel = "DIR", defaultValue = "gamp-credentials",
        description = "Directory of the users' password files (default ${DEFAULT-VALUE}).")
    Path credentials;

    @Override
    public Integer call() {
        if (!"apply".equals(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "'; use apply");
        }
        PrintWriter out = spec.commandLine().getOut();
        GampConfig config = Environment.connectedConfig();
        int granted = 0;
        int kept = 0;
        int revoked = 0;
        try (Admin admin = KafkaClients.admin(config)) {
            for (AccessSetup.RoleReport role : new AccessSetup(admin, new TopicAccess(config.topics()), credentials).apply(dryRun)) {
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
        return 0;
    }

    private static void print(PrintWriter out, String mark, List<AclBinding> bindings) {
        for (AclBinding binding : bindings) {
            out.printf("    %s %s %s %s%s%n", mark, binding.entry().operation(),
                binding.pattern().resourceType().name().toLowerCase(java.util.Locale.ROOT), binding.pattern().name(),
                binding.pattern().patternType() == PatternType.PREFIXED ? "*" : "");
        }
    }
}
