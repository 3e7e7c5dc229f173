package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.gampplanner.bench.BenchReport;
import dev.gampplanner.bench.BenchRunner;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.localkafka.EmbeddedKafkaBroker;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Numbers, not impressions: the system measured beside the broker's own floor, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures the floors (a plain Kafka round trip and one exactly-once read-process-write hop), plan latency "
        + "and overhead at a fixed rate, the highest sustained rate of COMPLETE plans with p99 under 1 s (example documents "
        + "with the embedding cache warm and off, and a one-requirement URS), each service's readiness and resident memory, "
        + "the speedup of parallel agents (3·D / (L_D − L_0)) and scale-out of one slowed agent by worker threads; key "
        + "figures three times, with min / median / max. Exits 1 when a phase failed.",
        "Runs on an in-process broker, or on KAFKA_BOOTSTRAP_SERVERS when set; services run as separate processes. "
            + "GAMP_* variables tune the services under test (e.g. GAMP_COMMIT_INTERVAL=20ms)."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Run every part briefly (seconds each).")
    boolean quick;

    @Option(names = "--in-process", description = "Run the services inside the benchmark's own JVM (memory is then the "
        + "whole process's).")
    boolean inProcess;

    @Option(names = "--llm", description = "Instead of the rest, agents bound by a slow model: every agent in LLM mode "
        + "against an OpenAI-protocol server the benchmark starts, at 8, 32 and 128 workers per agent "
        + "(with --quick: 8 and 32).")
    boolean llm;

    @Option(names = "--llm-delay", paramLabel = "DURATION", defaultValue = "2s",
        description = "With --llm: how long the model server takes to answer each call (default ${DEFAULT-VALUE}).")
    String llmDelay;

    @Option(names = "--soak", paramLabel = "DURATION", arity = "0..1", fallbackValue = "30m",
        description = "Instead of the rest, a soak: the example documents at a steady rate for DURATION (default 30m), each "
            + "service's RSS, every lag and the latency and outcomes of the answers sampled each interval, and per series "
            + "a verdict (flat or grows, with its slope per hour). Exits 1 when a service died or answers were lost; a "
            + "series that grows is reported, not failed.")
    String soak;

    @Option(names = "--soak-rate", paramLabel = "N", defaultValue = "" + BenchRunner.SoakOptions.DEFAULT_RATE,
        description = "With --soak: plans a second (default ${DEFAULT-VALUE}, a third of what two cores sustain).")
    int soakRate;

    @Option(names = "--soak-interval", paramLabel = "DURATION", defaultValue = "1m",
        description = "With --soak: how often the fleet is sampled (default ${DEFAULT-VALUE}); the first "
            + BenchRunner.SoakOptions.DEFAULT_WARM_UP_SAMPLES + " samples are the warm-up, left out of the trends.")
    String soakInterval;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "gamp-bench",
        description = "Where the Markdown report and the services' logs go (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Environment.quietServices(false);
        Files.createDirectories(out);
        Path logs = Files.createDirectories(out.resolve("logs"));
        BenchRunner.Options options = quick ? BenchRunner.Options.quick(inProcess) : BenchRunner.Options.full(inProcess);
        if (llm) {
            Duration delay = Durations.parse(llmDelay);
            options = options.withLlm(quick ? BenchRunner.LlmOptions.quick(delay) : BenchRunner.LlmOptions.full(delay));
        }
        if (soak != null) {
            options = options.withSoak(new BenchRunner.SoakOptions(Durations.parse(soak), soakRate, Durations.parse(soakInterval),
                BenchRunner.SoakOptions.DEFAULT_WARM_UP_SAMPLES));
        }
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        EmbeddedKafkaBroker broker = external == null || external.isBlank() ? EmbeddedKafkaBroker.temporary().start() : null;
        try {
            Map<String, String> overrides = new HashMap<>(broker == null ? Map.of() : Environment.singleBroker(broker.bootstrapServers()));
            overrides.put("GAMP_STATE_DIR", out.resolve("state").toAbsolutePath().toString());
            GampConfig config = Environment.config(overrides);
            BenchReport report = new BenchRunner(config, options, BenchServeCommand::startInProcess, stderr, logs).run();
            String markdown = report.markdown();
            stdout.print(markdown);
            stdout.flush();
            Files.writeString(out.resolve("bench.md"), markdown);
            if (json != null) {
                report.writeJson(json);
            }
            // A phase that failed leaves its figures empty; the run is then no measurement to rely on.
            return report.succeeded() ? 0 : 1;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
