package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.PlanOutput;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.cli.support.TracedServices;
import dev.gampplanner.cli.support.ZipkinServer;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.EmbeddedKafkaBroker;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import dev.gampplanner.schema.AgentKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Everything in one process on an in-process broker: submit URS documents, print each plan as it arrives. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Starts a Kafka broker and every service in this process, submits the URS documents "
        + "(default: the 25 bundled examples), prints one line per plan as it arrives, writes each plan as JSON and "
        + "Markdown, and exits 0 once every request is answered."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
        description = "URS documents (Markdown or text), or directories of .md files. Default: the bundled examples.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--json", description = "Print exactly one JSON object per plan per line on stdout (logs stay on stderr).")
    boolean json;

    @Option(names = "--without", paramLabel = "AGENT", split = ",",
        description = "Start without this agent service (context, sme, research) to see partial plans. Repeatable.")
    List<String> without = new ArrayList<>();

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
        description = "Deadline of each plan, from its submission (default ${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--category", paramLabel = "N", description = "Submit every document as GAMP category N instead of having it determined.")
    Integer category;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "gamp-output",
        description = "Where the plans are written as <document>-<id>.json and .md (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--llm", description = "Every agent drafts with the model GAMP_LLM_MODEL names, at GAMP_LLM_BASE_URL "
        + "(GAMP_MODE=llm); the deterministic analysis checks each draft.")
    boolean llm;

    @Option(names = "--verbose", description = "Show the services' own log lines.")
    boolean verbose;

    @Option(names = "--traces",
        description = {"Trace every plan: run each service as a process of its own with the OpenTelemetry agent, sending "
            + "spans to the Zipkin server on --zipkin-port (started, and kept running after the plans until Ctrl-C, "
            + "unless one answers there), and print each plan's trace page.",
            "The services' logs are written to the --out directory's logs/."})
    boolean traces;

    @Option(names = "--zipkin-port", paramLabel = "PORT", defaultValue = "" + ZipkinServer.DEFAULT_PORT,
        description = "With --traces: the Zipkin server's port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int zipkinPort;

    @Option(names = "--secure",
        description = "Run secured, as a production deployment: SASL/SCRAM on the broker, ACLs enforced, every service on "
            + "its own principal and signing key (as 'gamp security apply' makes them); the plans are then verified as the "
            + "auditor.")
    boolean secure;

    @Override
    public Integer call() throws Exception {
        if (secure && traces) {
            throw new IllegalArgumentException("--secure runs the services in this process; it does not combine with --traces");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Environment.quietServices(verbose);
        Set<AgentKind> absent = EnumSet.noneOf(AgentKind.class);
        for (String agent : without) {
            try {
                absent.add(AgentKind.valueOf(agent.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--without takes context, sme or research, not '" + agent + "'");
            }
        }
        List<UrsFile> documents = UrsFile.resolve(inputs);
        Files.createDirectories(out);
        long started = System.nanoTime();
        // Streams state and the secured run's credentials are scratch here, but kept out of the OS temp directory,
        // which Kafka Streams warns against.
        Path state = Files.createTempDirectory(out.toAbsolutePath(), ".state-");
        stderr.printf(secure ? "gamp demo: secured: starting a Kafka broker in this process with SASL/SCRAM-SHA-512 and ACLs "
            + "enforced; every service on its own principal and signing key...%n" : "gamp demo: starting a Kafka broker in this process...%n");
        stderr.flush();
        SecureDemo secured = secure ? new SecureDemo(state.resolve("credentials"), stderr) : null;
        try (EmbeddedKafkaBroker broker = secured != null ? secured.broker() : EmbeddedKafkaBroker.temporary().start()) {
            Map<String, String> settings = new HashMap<>(Environment.singleBroker(broker.bootstrapServers()));
            settings.put("GAMP_STATE_DIR", state.toString());
            settings.put("GAMP_HTTP_PORT", System.getenv().getOrDefault("GAMP_HTTP_PORT", "-1"));
            if (llm) {
                settings.put(Setting.MODE.variable(), "llm");
            }
            GampConfig config = secured != null ? secured.setUp(Environment.config(settings)) : Environment.config(settings);
            List<String> services = new ArrayList<>(List.of("planner"));
            for (AgentKind agent : AgentKind.values()) {
                if (!absent.contains(agent)) {
                    services.add(agent.name().toLowerCase(Locale.ROOT));
                }
            }
            stderr.printf("gamp demo: broker ready at %s; starting %s...%n", broker.bootstrapServers(), String.join(", ", services));
            stderr.flush();
            ZipkinServer zipkin = !traces || ZipkinServer.answers(zipkinPort) ? null
                : ZipkinServer.start(zipkinPort, out.resolve("zipkin.log"), stderr);
            try (AutoCloseable running = secured != null ? secured.start(services) : startServices(config, services);
                 PlanDesk desk = new PlanDesk(secured != null ? secured.submitter() : config)) {
                stderr.printf("gamp demo: services ready after %.1f s; submitting %d request(s), deadline %s%n",
                    seconds(started), documents.size(), Durations.format(deadline));
                stderr.flush();
                for (UrsFile document : documents) {
                    desk.submit(document, category, Instant.now().plus(deadline), "gamp demo");
                }
                PlanOutput output = new PlanOutput(stdout, stderr, out, json);
                if (traces) {
                    output.linkingTracesTo(ZipkinServer.traceView(zipkinPort));
                }
                int answered = output.collect(desk, deadline.plus(Duration.ofSeconds(30)), documents.size());
                output.summarise(documents.size(), seconds(started));
                boolean verified = secured == null || secured.verify();
                return answered == documents.size() && verified ? 0 : 1;
            } finally {
                if (zipkin != null) {
                    keepShowing(zipkin, stderr);
                }
            }
        } finally {
            deleteQuietly(state);
        }
    }

    /** The services in this process, or, with --traces, each in a traced process of its own. */
    private AutoCloseable startServices(GampConfig config, List<String> services) throws java.io.IOException {
        if (!traces) {
            return new ServiceHost(config).start(ServiceCatalog.resolve(config, services));
        }
        return TracedServices.start(config.environment(), services, ZipkinServer.spansEndpoint(zipkinPort),
            Files.createDirectories(out.resolve("logs")));
    }

    /** The plans' trace pages stay reachable after the demo: the Zipkin server it started runs until Ctrl-C. */
    private static void keepShowing(ZipkinServer zipkin, PrintWriter stderr) {
        stderr.printf("gamp demo: the traces stay at %s until Ctrl-C%n", ZipkinServer.home(zipkin.port()));
        stderr.flush();
        try {
            zipkin.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            zipkin.close();
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
