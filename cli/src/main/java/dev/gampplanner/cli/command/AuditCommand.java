package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.Check;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.audit.RecordText;
import dev.gampplanner.audit.Reproducer;
import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.config.GampConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What an auditor runs against the topics. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Audit tools over the topics on KAFKA_BOOTSTRAP_SERVERS: replay a plan's trail, verify every digest "
        + "link, reproduce a plan from its recorded requests, serve all of it as read-only web pages.",
    subcommands = {AuditCommand.Replay.class, AuditCommand.Verify.class, AuditCommand.Reproduce.class, AuditServeCommand.class})
public final class AuditCommand {

    static final Duration GRACE = Duration.ofMinutes(1);

    @Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Prints the whole trail of one plan in order across every topic (request, opened, agent requests, "
            + "results with duplicates and late ones, deadline, plan), with timestamps, positions, digests and whether "
            + "each link and signature verifies. Exits 1 when a link fails.")
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CORRELATION_ID")
        String correlationId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CorrelationId.parse(correlationId);
            GampConfig config = Environment.connectedConfig();
            AuditLog log = new AuditLog(config);
            List<LogRecord> trail = log.plan(correlationId);
            if (trail.isEmpty()) {
                out.println("no record of " + correlationId + " on any topic");
                return 1;
            }
            AuditReport report = new AuditVerifier(config.topics(), config.defaultDeadline(), GRACE)
                .verify(trail, log.signingKeys(), Instant.now(), null, null);
            for (LogRecord record : trail) {
                out.printf("%s  %-34s %-16s sha %s  %s%n", record.timestamp(), record.position(), record.type(), record.shortSha(),
                    RecordText.describe(record));
                for (Check check : report.checksOf(record)) {
                    out.printf("    %s %s%n", check.ok() ? "ok  " : "FAIL", check.ok() ? check.text() : check.kind() + ": " + check.text());
                }
            }
            out.printf("%d record(s); %s%n", trail.size(), report.ok() ? "every link verifies"
                : report.failures().size() + " link(s) fail");
            report.notSigningLine().ifPresent(out::println);
            return report.ok() ? 0 : 1;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Scans the topics and checks every digest link and that every request and plan was answered exactly "
            + "once, and every record's signature against the keys published on security.signing-keys; reports forged, "
            + "missing and orphan records and unsigned or wrongly signed ones. Exits 1 when anything fails.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--since", paramLabel = "TIME", description = "Only judge records written at or after TIME (ISO-8601, "
            + "e.g. 2026-11-25T00:00:00Z, or a duration back from now such as 24h).")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Only judge records written at or before TIME.")
        String until;

        @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1m",
            description = "How long after its deadline an answer may still be on its way (default ${DEFAULT-VALUE}).")
        Duration grace;

        @Option(names = "--json", description = "One JSON object on stdout: ok, counts, every failure (kind, position, "
            + "type, key, text), signature verdict counts and the signers that publish no key.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GampConfig config = Environment.connectedConfig();
            Instant now = Instant.now();
            Instant from = time(since, now);
            Instant to = time(until, now);
            // Links may point at records written shortly before the window; read a little earlier than it.
            AuditLog log = new AuditLog(config);
            List<LogRecord> records = log.everything(from == null ? null : from.minus(config.maxDeadline()));
            AuditReport report = new AuditVerifier(config.topics(), config.defaultDeadline(), grace)
                .verify(records, log.signingKeys(), now, from, to);
            if (json) {
                out.println(PlanJson.line(AuditReportJson.of(report)));
                return report.ok() ? 0 : 1;
            }
            Map<Check.Kind, List<Check>> byKind = report.failures().stream()
                .collect(Collectors.groupingBy(Check::kind, () -> new EnumMap<>(Check.Kind.class),
                    Collectors.toList()));
            byKind.forEach((kind, checks) -> {
                out.printf("%s (%d)%n", kind, checks.size());
                checks.forEach(c -> out.printf("  %s %s [%s]: %s%n", c.record().position(), c.record().type(),
                    c.record().key(), c.text()));
            });
            out.printf("%d record(s) read, %d plan(s) judged, %d check(s): %s%n", records.size(), report.plans(),
                report.checks().size(), report.ok() ? "every link verifies" : report.failures().size() + " failed");
            report.signedLine().ifPresent(out::println);
            report.notSigningLine().ifPresent(out::println);
            return report.ok() ? 0 : 1;
        }

        private static Instant time(String text, Instant now) {
            if (text == null) {
                return null;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                return now.minus(new DurationConverter().convert(text));
            }
        }
    }

    @Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Re-runs the deterministic agents on a plan's recorded AgentRequests and rebuilds the plan from its "
            + "recorded inputs, comparing bytes with the topics. Exits 1 when a comparable record differs.")
    static final class Reproduce implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CORRELATION_ID")
        String correlationId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CorrelationId.parse(correlationId);
            Environment.quietServices(false);
            GampConfig config = Environment.connectedConfig();
            List<LogRecord> trail = new AuditLog(config).plan(correlationId);
            boolean differs = false;
            Reproducer reproducer = new Reproducer(ServiceCatalog.agents(), ServiceCatalog.drafts());
            for (Reproducer.Comparison comparison : reproducer.reproduce(trail)) {
                String verdict = comparison.identical() ? "IDENTICAL" : comparison.comparable() ? "DIFFERS" : "NOT COMPARABLE";
                out.printf("%-16s %-15s %s%n", comparison.subject(), verdict, comparison.detail());
                differs |= comparison.comparable() && !comparison.identical();
            }
            return differs ? 1 : 0;
        }
    }
}
