package dev.gampplanner.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.GampConfig;

/**
 * Measures GAMP Planner beside the floor beneath it, in one run on one broker: a plain Kafka round
 * trip; plan latency at a low fixed rate and its overhead above the slowest agent; the highest
 * sustained rate with p99 under a second; the speedup of parallel agents over sequential ones;
 * scale-out of one slow agent by worker threads; and each service's memory.
 */
public final class BenchRunner {

    /** How long and how hard each part runs. */
    public record Options(boolean inProcess, int floorSamples, int overheadRate, Duration overheadDuration,
                          List<Integer> throughputRates, Duration stepDuration, Duration parallelDelay, int parallelPlans,
                          Duration scaleDelay, List<Integer> workerCounts, int plansPerWorker) {

        /**
         * The full run. The fixed "low" rate is 5 plans/s: each plan analyses a whole URS three times, so this
         * machine saturates near twenty a second and a higher rate would measure queueing, not overhead.
         */
        public static Options full(boolean inProcess) {
            return new Options(inProcess, 500, 5, Duration.ofSeconds(30), List.of(5, 10, 15, 20, 30, 40, 60, 80, 120, 160, 250, 400),
                Duration.ofSeconds(15), Duration.ofMillis(500), 20, Duration.ofMillis(200), List.of(1, 2, 4, 8), 40);
        }

        public static Options quick(boolean inProcess) {
            return new Options(inProcess, 50, 5, Duration.ofSeconds(2), List.of(5, 10), Duration.ofSeconds(2),
                Duration.ofMillis(200), 3, Duration.ofMillis(100), List.of(1, 2), 4);
        }
    }

    /**
     * A URS of one requirement: planning it exercises every hop of the flow with almost no analysis, so
     * its throughput is the ceiling of the orchestration itself.
     */
    static final UrsFile MINIMAL = new UrsFile("minimal.md", "# Minimal system\n## 1. Functional Requirements\n"
        + "- **MIN-001**: The system shall record each temperature reading with its time.\n");

    private final GampConfig base;
    private final Options options;
    private final InProcessServices services;
    private final PrintWriter progress;
    private final Path logDir;

    /** {@code services} runs the services when {@link Options#inProcess()}; otherwise each is a process of its own. */
    public BenchRunner(GampConfig base, Options options, InProcessServices services, PrintWriter progress, Path logDir) {
        this.base = base;
        this.options = options;
        this.services = services;
        this.progress = progress;
        this.logDir = logDir;
    }

    /** The example URS documents, each a whole system's requirements. */
    static List<UrsFile> documents() {
        return UrsFile.bundledExamples();
    }

    /** Runs every phase in turn; a failed phase is recorded in the report and the next one still runs. */
    public BenchReport run() {
        List<BenchPhase> phases = List.of(new FloorPhase(), new OverheadPhase(), new ThroughputPhase(), new MemoryPhase(),
            new SpeedupPhase(), new ScaleOutPhase());
        try (Bench bench = new Bench(base, options, services, progress, logDir)) {
            for (BenchPhase phase : phases) {
                try {
                    phase.run(bench);
                } catch (Exception | AssertionError e) {
                    bench.say("%s failed: %s", phase.name(), e);
                    bench.report().failed(phase.name(), String.valueOf(e.getMessage()));
                }
            }
            return bench.report().build(base);
        }
    }
}
