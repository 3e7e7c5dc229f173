package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.Check;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.cli.support.SecretFiles;
import dev.gampplanner.cli.support.SecuredDeployment;
import dev.gampplanner.localkafka.BrokerSecurity;
import dev.gampplanner.localkafka.EmbeddedKafkaBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.topics.Role;

/**
 * The demo as a secured deployment runs: a broker with SCRAM and ACLs whose only super user is an administrator
 * made for this run, the users, ACLs and signing keys applied by that administrator, each service on its own
 * principal and key, and the audit trail verified as the auditor at the end.
 */
final class SecureDemo {

    private static final String ADMIN = "admin";

    private final Path credentials;
    private final PrintWriter stderr;
    private final Path adminPassword;
    private SecuredDeployment deployment;
    private GampConfig admin;

    SecureDemo(Path credentials, PrintWriter stderr) {
        this.credentials = credentials;
        this.stderr = stderr;
        this.adminPassword = credentials.resolve(ADMIN + ".password");
    }

    EmbeddedKafkaBroker broker() {
        return EmbeddedKafkaBroker.temporary().secured(BrokerSecurity.scram(ADMIN, SecretFiles.readOrCreate(adminPassword))).start();
    }

    /** Sets the deployment up as the administrator of {@code base}'s broker; returns the administrator's configuration. */
    GampConfig setUp(GampConfig base) {
        admin = base.with(Map.of(Setting.SASL_USERNAME.variable(), ADMIN, Setting.SASL_PASSWORD.variable(), "",
            Setting.SASL_PASSWORD.fileVariable(), adminPassword.toString(), Setting.SIGNING_KEY_FILE.variable(), ""));
        deployment = SecuredDeployment.apply(admin, credentials, applied -> {
            stderr.printf("gamp demo: secured: %d ACL(s) for the users planner, context, sme, research, submitter and auditor; "
                + "%d signing key(s) published on %s%n", applied.acls(), applied.keys(), admin.topics().signingKeys());
            stderr.flush();
        });
        return admin;
    }

    AutoCloseable start(List<String> services) {
        return deployment.start(services);
    }

    GampConfig submitter() {
        return deployment.as(Role.SUBMITTER);
    }

    /** Verifies every record as the auditor and prints the outcome in one line (and each failure under it). */
    boolean verify() {
        AuditLog log = new AuditLog(deployment.as(Role.AUDITOR));
        List<LogRecord> records = log.everything(null);
        AuditReport report = new AuditVerifier(admin.topics(), admin.defaultDeadline(), AuditCommand.GRACE)
            .verify(records, log.signingKeys(), Instant.now(), null, null);
        stderr.printf("gamp demo: audit verify as auditor: %d record(s), %d plan(s), %d check(s): %s%s%n", records.size(),
            report.plans(), report.checks().size(), report.ok() ? "every link verifies" : report.failures().size() + " failed",
            report.signedLine().map(line -> "; " + line).orElse(""));
        for (Check failure : report.failures()) {
            stderr.printf("  %s %s %s: %s%n", failure.kind(), failure.record().position(), failure.record().type(), failure.text());
        }
        stderr.flush();
        return report.ok();
    }
}
