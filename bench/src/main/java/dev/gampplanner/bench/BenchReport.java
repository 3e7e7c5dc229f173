package dev.gampplanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.runtime.config.GampConfig;

/** The figures of one benchmark run, as a Markdown table and as JSON. */
public record BenchReport(Map<String, Object> machine, Percentiles floor, Percentiles latency, Percentiles overhead,
                          List<Step> steps, double throughput, double orchestrationThroughput, Duration parallelDelay, Percentiles parallel, double speedup,
                          Map<Integer, Double> scaleRates, Map<Integer, Double> scaleEfficiency, Map<String, Long> rssMb,
                          Map<String, String> failures) {

    /** Whether every phase ran to its end. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** One offered rate of the throughput search; {@code minimal} for the one-requirement URS. */
    public record Step(boolean minimal, int offered, double achieved, Percentiles latency, boolean complete) {
        boolean sustained() {
            return complete && latency.p99() < 1000;
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| Measure | Result | Target |\n|---|---|---|\n");
        row(md, "Floor: Kafka produce→consume round trip p50 / p99", fineMs(floor.p50()) + " / " + fineMs(floor.p99()), "");
        row(md, "Plan latency at the fixed rate, p50 / p99 / max", ms(latency.p50()) + " / " + ms(latency.p99()) + " / "
            + ms(latency.max()), "");
        row(md, "Overhead above the slowest agent, p50 / p99", ms(overhead.p50()) + " / " + ms(overhead.p99()) + " ("
            + fixed(overhead.p50() / floor.p50()) + "× / " + fixed(overhead.p99() / floor.p99())
            + "× the floor)", "≤ 20 ms / ≤ 60 ms");
        row(md, "Highest sustained throughput (p99 < 1 s), example URS documents", fixed(throughput) + " plans/s",
            "≥ 2,000 plans/s");
        row(md, "Highest sustained throughput (p99 < 1 s), one-requirement URS (orchestration ceiling)",
            fixed(orchestrationThroughput) + " plans/s", "");
        row(md, "Parallel speedup, agents slowed by " + parallelDelay.toMillis() + " ms: latency p50 vs 3 × D",
            ms(parallel.p50()) + " vs " + (3 * parallelDelay.toMillis()) + " ms = " + fixed(speedup) + "×", "≥ 2.9×");
        StringBuilder scale = new StringBuilder();
        scaleRates.forEach((workers, rate) -> scale.append(workers).append(": ").append(fixed(rate)).append("/s (")
            .append(percent(scaleEfficiency.get(workers))).append("), "));
        row(md, "Scale-out of one slowed agent by worker threads (plans/s, efficiency)",
            scale.length() == 0 ? "-" : scale.substring(0, scale.length() - 2), "≥ 90 % up to 8 workers");
        StringBuilder rss = new StringBuilder();
        rssMb.forEach((service, mb) -> rss.append(service).append(" ").append(mb).append(" MB, "));
        row(md, "Resident memory per service after the load", rss.length() == 0 ? "-" : rss.substring(0, rss.length() - 2),
            "≤ 256 MB each");
        md.append("\nThroughput search:\n\n| URS | Offered plans/s | Answered plans/s | p50 | p99 | All answered |\n"
            + "|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            md.append("| ").append(step.minimal() ? "one requirement" : "examples").append(" | ").append(step.offered()).append(" | ").append(fixed(step.achieved())).append(" | ")
                .append(ms(step.latency().p50())).append(" | ").append(ms(step.latency().p99())).append(" | ")
                .append(step.complete() ? "yes" : "no").append(" |\n");
        }
        failures.forEach((phase, reason) -> md.append("\n**Phase ").append(phase).append(" failed:** ").append(reason).append('\n'));
        md.append("\nMachine: ").append(machine).append('\n');
        return md.toString();
    }

    public ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("floorP50Ms", floor.p50());
        json.put("floorP99Ms", floor.p99());
        json.put("latencyP50Ms", latency.p50());
        json.put("latencyP99Ms", latency.p99());
        json.put("latencyMaxMs", latency.max());
        json.put("overheadP50Ms", overhead.p50());
        json.put("overheadP99Ms", overhead.p99());
        json.put("overheadP50FloorMultiple", overhead.p50() / floor.p50());
        json.put("throughputPlansPerSec", throughput);
        json.put("orchestrationThroughputPlansPerSec", orchestrationThroughput);
        json.put("parallelDelayMs", parallelDelay.toMillis());
        json.put("parallelLatencyP50Ms", parallel.p50());
        json.put("speedup", speedup);
        int largest = scaleEfficiency.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        json.put("scaleOutEfficiency", scaleEfficiency.getOrDefault(largest, Double.NaN));
        json.put("scaleOutWorkers", largest);
        ObjectNode byWorkers = json.putObject("scaleOut");
        scaleRates.forEach((workers, rate) -> byWorkers.putObject(String.valueOf(workers)).put("plansPerSec", rate)
            .put("efficiency", scaleEfficiency.get(workers)));
        ObjectNode rss = json.putObject("rssMb");
        rssMb.forEach(rss::put);
        var stepsJson = json.putArray("throughputSteps");
        steps.forEach(s -> stepsJson.addObject().put("urs", s.minimal() ? "one requirement" : "examples").put("offered", s.offered()).put("achieved", s.achieved())
            .put("p50Ms", s.latency().p50()).put("p99Ms", s.latency().p99()).put("complete", s.complete()));
        json.set("failedPhases", mapper.valueToTree(failures));
        json.set("machine", mapper.valueToTree(machine));
        return json;
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json()) + "\n");
    }

    private static void row(StringBuilder md, String measure, String result, String target) {
        md.append("| ").append(measure).append(" | ").append(result).append(" | ").append(target).append(" |\n");
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static String fineMs(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f ms", value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f %%", value * 100);
    }

    /** Collects the figures as the phases produce them. */
    static final class Builder {
        private final BenchRunner.Options options;
        private Percentiles floor = Percentiles.NONE;
        private Percentiles latency = Percentiles.NONE;
        private Percentiles overhead = Percentiles.NONE;
        private final List<Step> steps = new ArrayList<>();
        private Percentiles parallel = Percentiles.NONE;
        private Duration parallelDelay;
        private final Map<Integer, Double> scaleRates = new LinkedHashMap<>();
        private Map<String, Long> rss = Map.of();
        private final Map<String, String> failures = new LinkedHashMap<>();

        Builder(BenchRunner.Options options) {
            this.options = options;
            this.parallelDelay = options.parallelDelay();
        }

        void floor(Percentiles value) {
            floor = value;
        }

        void latency(Percentiles roundTrip, Percentiles aboveSlowestAgent) {
            latency = roundTrip;
            overhead = aboveSlowestAgent;
        }

        void step(boolean minimal, int offered, double achieved, Percentiles stepLatency, boolean complete) {
            steps.add(new Step(minimal, offered, achieved, stepLatency, complete));
        }

        void memory(Map<String, Long> residentMegabytes) {
            rss = residentMegabytes;
        }

        void parallel(Duration delay, Percentiles value) {
            parallelDelay = delay;
            parallel = value;
        }

        void failed(String phase, String reason) {
            failures.put(phase, reason);
        }

        void scale(int workers, double plansPerSecond) {
            scaleRates.put(workers, plansPerSecond);
        }

        BenchReport build(GampConfig config) {
            double throughput = steps.stream().filter(s -> !s.minimal() && s.sustained()).mapToDouble(Step::achieved).max().orElse(0);
            double orchestration = steps.stream().filter(s -> s.minimal() && s.sustained()).mapToDouble(Step::achieved).max()
                .orElse(0);
            double speedup = 3.0 * parallelDelay.toMillis() / parallel.p50();
            double single = scaleRates.getOrDefault(1, Double.NaN);
            Map<Integer, Double> efficiency = new LinkedHashMap<>();
            scaleRates.forEach((workers, rate) -> efficiency.put(workers, rate / (workers * single)));
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("memoryMb", totalMemoryMb());
            machine.put("java", System.getProperty("java.version"));
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            machine.put("broker", config.bootstrapServers());
            machine.put("services", options.inProcess() ? "in the benchmark's process" : "one JVM each");
            machine.put("date", Instant.now().toString());
            return new BenchReport(machine, floor, latency, overhead, List.copyOf(steps), throughput, orchestration, parallelDelay,
                parallel,
                speedup, Collections.unmodifiableMap(new LinkedHashMap<>(scaleRates)), efficiency, rss, Map.copyOf(failures));
        }

        private static long totalMemoryMb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
