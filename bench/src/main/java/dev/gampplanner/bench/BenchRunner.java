package dev.gampplanner.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.GampConfig;

/**
 * Measures GAMP Planner beside the floors beneath it, in one run on one broker, as a list of phases: a plain Kafka
 * round trip and one exactly-once hop; plan latency at a low fixed rate and its overhead above the slowest agent; the
 * highest sustained rate of COMPLETE plans with p99 under a second; each service's memory; the speedup of parallel
 * agents over sequential ones; and scale-out of one slow agent by worker threads. Or, with {@link Options#llm()},
 * agents bound by a slow model at several worker counts.
 */
public final class BenchRunner {

    /**
     * How long and how hard each part runs.
     *
     * @param repeats          runs of each key figure (floors, overhead, speedup, the sustained throughputs)
     * @param parallelSamples  plans with and without the delay, each, for the speedup
     * @param plansPerWorker   scale-out plans per worker: far above GAMP_WORKER_MAX_POLL_RECORDS, or the first worker
     *                         to poll takes the whole burst
     * @param llm              when set, only the LLM-bound run instead of the rest
     */
    public record Options(boolean inProcess, int repeats, int floorSamples, int floorTxSamples, int overheadRate,
                          Duration overheadDuration, List<Integer> throughputRates, Duration stepDuration, Duration parallelDelay,
                          int parallelSamples, Duration scaleDelay, List<Integer> workerCounts, int plansPerWorker,
                          LlmOptions llm, SoakOptions soak) {

        /**
         * The full run. The fixed "low" rate is 5 plans/s: each plan analyses a whole URS three times, so this
         * machine saturates near twenty a second and a higher rate would measure queueing, not overhead.
         */
        public static Options full(boolean inProcess) {
            return new Options(inProcess, 3, 500, 200, 5, Duration.ofSeconds(30),
                List.of(5, 10, 15, 20, 30, 40, 60, 80, 120, 160, 250, 400), Duration.ofSeconds(15), Duration.ofMillis(500), 30,
                Duration.ofMillis(200), List.of(1, 2, 4, 8), 50, null, null);
        }

        public static Options quick(boolean inProcess) {
            return new Options(inProcess, 1, 50, 30, 5, Duration.ofSeconds(2), List.of(5, 10), Duration.ofSeconds(2),
                Duration.ofMillis(200), 20, Duration.ofMillis(100), List.of(1, 2), 15, null, null);
        }

        /** These options for the LLM-bound run only. */
        public Options withLlm(LlmOptions run) {
            return new Options(inProcess, repeats, floorSamples, floorTxSamples, overheadRate, overheadDuration, throughputRates,
                stepDuration, parallelDelay, parallelSamples, scaleDelay, workerCounts, plansPerWorker, run, soak);
        }

        /** These options for the soak only. */
        public Options withSoak(SoakOptions run) {
            return new Options(inProcess, repeats, floorSamples, floorTxSamples, overheadRate, overheadDuration, throughputRates,
                stepDuration, parallelDelay, parallelSamples, scaleDelay, workerCounts, plansPerWorker, llm, run);
        }
    }

    /**
     * The LLM-bound run: every agent in LLM mode against a protocol server answering after {@code delay}, at each
     * worker count (worker threads and model calls in flight per agent), {@code plansPerWorker} plans a worker.
     */
    public record LlmOptions(Duration delay, List<Integer> workerCounts, int plansPerWorker) {

        public static LlmOptions full(Duration delay) {
            return new LlmOptions(delay, List.of(8, 32, 128), 4);
        }

        public static LlmOptions quick(Duration delay) {
            return new LlmOptions(delay, List.of(8, 32), 2);
        }
    }

    /**
     * The soak: {@code rate} example plans a second for {@code duration}, the fleet sampled every {@code interval};
     * the first {@code warmUpSamples} samples are left out of the trends (the JVMs still compile and size their heaps).
     */
    public record SoakOptions(Duration duration, int rate, Duration interval, int warmUpSamples) {

        /**
         * A third of what the benchmark machine (two shared cores) sustains with p99 under a second for the example
         * documents with a warm embedding cache (30 plans/s), so the soak measures a steady state, not a queue.
         */
        public static final int DEFAULT_RATE = 10;
        public static final int DEFAULT_WARM_UP_SAMPLES = 3;

        public SoakOptions {
            if (rate < 1 || duration.compareTo(interval) < 0 || interval.toMillis() < 1000 || warmUpSamples < 0) {
                throw new IllegalArgumentException("a soak needs a rate of at least 1 plan/s, a sampling interval of at least "
                    + "1 s and a duration of at least one interval (rate " + rate + ", duration " + duration + ", interval "
                    + interval + ")");
            }
        }
    }

    /**
     * A URS of one requirement: planning it exercises every hop of the flow with almost no analysis, so
     * its throughput is the ceiling of the orchestration itself.
     */
    static final UrsFile MINIMAL = new UrsFile("minimal.md", "# Minimal system\n## 1. Functional Requirements\n"
        + "- **MIN-001**: The system shall record each temperature reading with its time.\n");

    /** The same document under another name: the only requests the agents' injected delay applies to. */
    static final UrsFile MINIMAL_DELAYED = new UrsFile("minimal-delayed.md", MINIMAL.text());

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
        List<BenchPhase> phases = options.soak() != null ? List.of(new SoakPhase(options.soak()))
            : options.llm() != null ? List.of(new LlmPhase(options.llm()))
            : List.of(new FloorPhase(), new OverheadPhase(), new ThroughputPhase(), new MemoryPhase(), new SpeedupPhase(),
                new ScaleOutPhase());
        try (Bench bench = new Bench(base, options, services, progress, logDir)) {
            for (BenchPhase phase : phases) {
                try {
                    phase.run(bench);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    bench.report().failed(phase.name(), "interrupted");
                    break;
                } catch (Exception e) {
                    bench.say("%s failed: %s", phase.name(), e);
                    bench.report().failed(phase.name(), String.valueOf(e.getMessage()));
                }
            }
            bench.report().notComplete(bench.notComplete());
            return bench.report().build(base);
        }
    }
}
