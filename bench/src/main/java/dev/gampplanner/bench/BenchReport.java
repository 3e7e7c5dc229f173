package dev.gampplanner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.runtime.config.GampConfig;

/**
 * The figures of one benchmark run, as a Markdown table and as JSON. Each figure is named as in the JSON and may
 * have been measured several times; the median is the figure, and the report gives min and max beside it.
 *
 * @param relaunches  service processes of the first start launched again after exiting before they were ready
 * @param fromArchive the services whose first start mapped a class-data sharing archive an earlier run made; the first
 *                    run on a fresh build makes them, so its ready figures are those of a start without
 * @param soak        the soak, when one ran; null otherwise
 * @param notComplete plans answered other than COMPLETE in the phases that expect every plan COMPLETE
 */
public record BenchReport(Map<String, Object> machine, Map<String, Repeated> figures, List<Step> steps,
                          Map<Integer, Double> scaleRates, Map<String, Long> rssMb, Map<String, Double> readySeconds,
                          Set<String> fromArchive, int relaunches, List<LlmStep> llm, SoakReport soak, long notComplete,
                          Map<String, String> failures) {

    /** One offered rate of a throughput search; {@code achieved} counts COMPLETE plans only, and so does {@code cpu}. */
    public record Step(String urs, int offered, double achieved, Percentiles latency, boolean allComplete, CpuPerPlan cpu) {
        boolean sustained() {
            return allComplete && latency.p99() < 1000;
        }
    }

    /**
     * One worker count of the LLM-bound run: COMPLETE plans a second against what that many workers allow when each
     * plan holds one of each agent's workers for the model's delay, and the most calls the model server saw at once.
     */
    public record LlmStep(int workers, int plans, double plansPerSec, double boundPlansPerSec, Percentiles latency,
                          int maxCallsInFlight) {
    }

    static final String EXAMPLES = "examples";
    static final String EXAMPLES_COLD = "examples, cold cache";
    static final String ONE_REQUIREMENT = "one requirement";

    /** Whether every phase ran to its end. */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /** The figure, the median of its runs; NaN when it was not measured. */
    public double figure(String name) {
        Repeated figure = figures.get(name);
        return figure == null ? Double.NaN : figure.median();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        if (!figures.isEmpty()) {
            figures(md);
        }
        if (!llm.isEmpty()) {
            md.append("\nLLM-bound agents (every agent in LLM mode, the model answering each call after a fixed delay; "
                + "one partition per topic):\n\n| Workers per agent | Plans | COMPLETE plans/s | Bound (workers / delay) "
                + "| p50 | p99 | Model calls in flight, most |\n|---|---|---|---|---|---|---|\n");
            for (LlmStep step : llm) {
                md.append("| ").append(step.workers()).append(" | ").append(step.plans()).append(" | ").append(fixed(step.plansPerSec()))
                    .append(" | ").append(fixed(step.boundPlansPerSec())).append(" | ").append(ms(step.latency().p50())).append(" | ")
                    .append(ms(step.latency().p99())).append(" | ").append(step.maxCallsInFlight()).append(" |\n");
            }
        }
        if (soak != null) {
            md.append(soak.markdown());
        }
        failures.forEach((phase, reason) -> md.append("\n**Phase ").append(phase).append(" failed:** ").append(reason).append('\n'));
        md.append("\nMedian of the runs, (min–max) where a figure was measured more than once. Machine: ").append(machine).append('\n');
        return md.toString();
    }

    private void figures(StringBuilder md) {
        md.append("| Measure | Result | Target |\n|---|---|---|\n");
        row(md, "Floor: Kafka produce→consume round trip p50 / p99", fine("floorP50Ms") + " / " + fine("floorP99Ms"), "");
        row(md, "Floor: one exactly-once read-process-write hop (commit interval as the services') p50 / p99",
            fine("floorTxP50Ms") + " / " + fine("floorTxP99Ms"), "");
        row(md, "Plan latency at the fixed rate, p50 / p99 / max", ms("latencyP50Ms") + " / " + ms("latencyP99Ms") + " / "
            + ms("latencyMaxMs"), "");
        row(md, "Overhead above the slowest agent, p50 / p99", ms("overheadP50Ms") + " / " + ms("overheadP99Ms") + " ("
            + fixed(figure("overheadP50Ms") / figure("floorTxP50Ms")) + "× / " + fixed(figure("overheadP99Ms") / figure("floorTxP99Ms"))
            + "× the exactly-once hop)", "≤ 20 ms / ≤ 60 ms");
        StringBuilder hops = new StringBuilder();
        for (HopClock.Hop hop : HopClock.Hop.values()) {
            hops.append(hop.label).append(" ").append(fine(hop.figure)).append(", ");
        }
        row(md, "Where the plan's time goes at the fixed rate, hop by hop from the request written (p50 per plan)",
            trimmed(hops), "");
        row(md, "Highest sustained throughput (p99 < 1 s, COMPLETE plans), example URS documents, warm embedding cache",
            rate("throughputPlansPerSec") + heldIn(EXAMPLES), "");
        row(md, "Highest sustained throughput (p99 < 1 s, COMPLETE plans), example URS documents, embedding cache off",
            rate("throughputColdPlansPerSec") + heldIn(EXAMPLES_COLD), "≥ 100 plans/s");
        row(md, "Highest sustained throughput (p99 < 1 s, COMPLETE plans), one-requirement URS (orchestration ceiling)",
            rate("orchestrationThroughputPlansPerSec") + heldIn(ONE_REQUIREMENT), "≥ 1,000 plans/s");
        row(md, "CPU per COMPLETE plan at the highest sustained rate, every process (the run of median total)",
            EXAMPLES + ": " + cpuAtSustained(EXAMPLES) + "; " + EXAMPLES_COLD + ": " + cpuAtSustained(EXAMPLES_COLD) + "; "
                + ONE_REQUIREMENT + ": " + cpuAtSustained(ONE_REQUIREMENT), "");
        row(md, "Parallel speedup 3·D / (L_D − L_0), agents slowed by D = " + (long) figure("parallelDelayMs") + " ms",
            "L_D " + ms("parallelLatencyP50Ms") + ", L_0 " + ms("parallelBaselineP50Ms") + ": " + times("speedup"), "≥ 2.9×");
        StringBuilder scale = new StringBuilder();
        double single = scaleRates.getOrDefault(1, Double.NaN);
        scaleRates.forEach((workers, rate) -> scale.append(workers).append(": ").append(fixed(rate)).append("/s (")
            .append(percent(rate / (workers * single))).append("), "));
        row(md, "Scale-out of one slowed agent by worker threads (COMPLETE plans/s, efficiency)", trimmed(scale), "≥ 90 % up to 8 workers");
        StringBuilder rss = new StringBuilder();
        rssMb.forEach((service, mb) -> rss.append(service).append(" ").append(mb).append(" MB, "));
        row(md, "Resident memory per service after the load", trimmed(rss), "≤ 256 MB each");
        StringBuilder ready = new StringBuilder();
        readySeconds.forEach((service, seconds) -> ready.append(service).append(" ")
            .append(String.format(Locale.ROOT, "%.1f s", seconds)).append(fromArchive.contains(service) ? " (archive)" : "")
            .append(", "));
        row(md, "Ready after a clean start (all launched at once; agents: every worker assigned)", trimmed(ready)
            + (relaunches == 0 ? "" : " (" + relaunches + " launched again after exiting while starting)"), "≤ 3 s each");
        row(md, "Plans answered other than COMPLETE where every plan should be", String.valueOf(notComplete), "0");
        md.append("\nThroughput search:\n\n| URS | Offered plans/s | COMPLETE plans/s | p50 | p99 | All COMPLETE | CPU per COMPLETE plan |\n"
            + "|---|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            md.append("| ").append(step.urs()).append(" | ").append(step.offered()).append(" | ").append(fixed(step.achieved()))
                .append(" | ").append(ms(step.latency().p50())).append(" | ").append(ms(step.latency().p99())).append(" | ")
                .append(step.allComplete() ? "yes" : "no").append(" | ").append(step.cpu().describe()).append(" |\n");
        }
    }

    public ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        figures.forEach((name, figure) -> json.put(name, figure.median()));
        json.put("overheadP50FloorMultiple", figure("overheadP50Ms") / figure("floorP50Ms"));
        json.put("overheadP50FloorTxMultiple", figure("overheadP50Ms") / figure("floorTxP50Ms"));
        double single = scaleRates.getOrDefault(1, Double.NaN);
        int largest = scaleRates.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        json.put("scaleOutEfficiency", scaleRates.getOrDefault(largest, Double.NaN) / (largest * single));
        json.put("scaleOutWorkers", largest);
        ObjectNode byWorkers = json.putObject("scaleOut");
        scaleRates.forEach((workers, rate) -> byWorkers.putObject(String.valueOf(workers)).put("plansPerSec", rate)
            .put("efficiency", rate / (workers * single)));
        ObjectNode rss = json.putObject("rssMb");
        rssMb.forEach(rss::put);
        ObjectNode ready = json.putObject("readySeconds");
        readySeconds.forEach(ready::put);
        ObjectNode archived = json.putObject("readyFromArchive");
        readySeconds.keySet().forEach(service -> archived.put(service, fromArchive.contains(service)));
        json.put("serviceRelaunches", relaunches);
        json.put("notCompleteAnswers", notComplete);
        ObjectNode repeated = json.putObject("repeated");
        figures.forEach((name, figure) -> {
            if (figure.runs().size() > 1) {
                ObjectNode spread = repeated.putObject(name).put("min", figure.min()).put("median", figure.median())
                    .put("max", figure.max());
                figure.runs().forEach(spread.putArray("runs")::add);
            }
        });
        var stepsJson = json.putArray("throughputSteps");
        steps.forEach(s -> stepsJson.addObject().put("urs", s.urs()).put("offered", s.offered()).put("achieved", s.achieved())
            .put("p50Ms", s.latency().p50()).put("p99Ms", s.latency().p99()).put("complete", s.allComplete())
            .set("cpuMsPerPlan", mapper.valueToTree(s.cpu().byProcess())));
        var llmJson = json.putArray("llm");
        llm.forEach(step -> llmJson.addObject().put("workers", step.workers()).put("plans", step.plans())
            .put("plansPerSec", step.plansPerSec()).put("boundPlansPerSec", step.boundPlansPerSec())
            .put("p50Ms", step.latency().p50()).put("p99Ms", step.latency().p99()).put("maxCallsInFlight", step.maxCallsInFlight()));
        if (soak != null) {
            json.set("soak", soak.json());
        }
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

    private String ms(String name) {
        return spread(name, "%.0f", " ms");
    }

    private String fine(String name) {
        return spread(name, "%.1f", " ms");
    }

    /**
     * How many runs at the sustained rate of {@code urs} held it: the search stops after the first rate missed, and a
     * rate held once but missed in a repeat is not held reliably.
     */
    private String heldIn(String urs) {
        int rate = sustainedRate(steps, urs);
        List<Step> runs = steps.stream().filter(s -> s.urs().equals(urs) && s.offered() == rate).toList();
        if (rate == 0 || runs.size() < 2) {
            return "";
        }
        return "; at " + rate + " plans/s offered, p99 < 1 s with every plan COMPLETE in "
            + runs.stream().filter(Step::sustained).count() + " of " + runs.size() + " runs";
    }

    /** What a plan cost the machine in the runs at the sustained rate of {@code urs}: the run of the median total. */
    private String cpuAtSustained(String urs) {
        int rate = sustainedRate(steps, urs);
        List<CpuPerPlan> runs = steps.stream().filter(s -> s.urs().equals(urs) && s.offered() == rate)
            .map(Step::cpu).filter(cpu -> !cpu.byProcess().isEmpty())
            .sorted(Comparator.comparingDouble(CpuPerPlan::total)).toList();
        return rate == 0 || runs.isEmpty() ? "—" : "at " + rate + " plans/s " + runs.get(runs.size() / 2).describe();
    }

    /** The highest rate of the {@code urs} steps that was sustained; 0 when none was. */
    static int sustainedRate(List<Step> steps, String urs) {
        return steps.stream().filter(s -> s.urs().equals(urs) && s.sustained()).mapToInt(Step::offered).max().orElse(0);
    }

    private String rate(String name) {
        return spread(name, "%.2f", " plans/s");
    }

    private String times(String name) {
        return spread(name, "%.2f", "×");
    }

    /** The median in {@code format}, and (min–max) when the figure was measured more than once. */
    private String spread(String name, String format, String unit) {
        Repeated figure = figures.get(name);
        if (figure == null || Double.isNaN(figure.median())) {
            return "-";
        }
        String median = String.format(Locale.ROOT, format, figure.median()) + unit;
        return figure.runs().size() < 2 ? median : median + " (" + String.format(Locale.ROOT, format, figure.min()) + "–"
            + String.format(Locale.ROOT, format, figure.max()) + ")";
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f ms", value);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f %%", value * 100);
    }

    private static String trimmed(StringBuilder list) {
        return list.length() == 0 ? "-" : list.substring(0, list.length() - 2);
    }

    /** Collects the figures as the phases produce them. */
    static final class Builder {
        private final BenchRunner.Options options;
        private final Map<String, List<Double>> figures = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();
        private final Map<Integer, Double> scaleRates = new LinkedHashMap<>();
        private final List<LlmStep> llm = new ArrayList<>();
        private SoakReport soak;
        private Map<String, Long> rss = Map.of();
        private Map<String, Double> readySeconds = Map.of();
        private Set<String> fromArchive = Set.of();
        private int relaunches;
        private long notComplete;
        private final Map<String, String> failures = new LinkedHashMap<>();

        Builder(BenchRunner.Options options) {
            this.options = options;
        }

        /** One run's value of a figure; a figure given several times is a repeated one. */
        void figure(String name, double value) {
            figures.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }

        void floor(Percentiles roundTrip) {
            figure("floorP50Ms", roundTrip.p50());
            figure("floorP99Ms", roundTrip.p99());
        }

        void floorTx(Percentiles roundTrip) {
            figure("floorTxP50Ms", roundTrip.p50());
            figure("floorTxP99Ms", roundTrip.p99());
        }

        void latency(Percentiles roundTrip, Percentiles aboveSlowestAgent) {
            figure("latencyP50Ms", roundTrip.p50());
            figure("latencyP99Ms", roundTrip.p99());
            figure("latencyMaxMs", roundTrip.max());
            figure("overheadP50Ms", aboveSlowestAgent.p50());
            figure("overheadP99Ms", aboveSlowestAgent.p99());
        }

        /** One run's p50 of each hop, over the plans whose every record the clock saw. */
        void hops(Map<HopClock.Hop, List<Double>> perPlan) {
            perPlan.forEach((hop, durations) -> {
                if (!durations.isEmpty()) {
                    figure(hop.figure, Percentiles.of(durations).p50());
                }
            });
        }

        void step(String urs, int offered, Load.Answers answers, CpuPerPlan cpu) {
            steps.add(new Step(urs, offered, answers.rate(), answers.latency(), answers.allComplete(), cpu));
        }

        /** The highest rate of the {@code urs} steps so far that was sustained; 0 when none was. */
        int sustainedRate(String urs) {
            return BenchReport.sustainedRate(steps, urs);
        }

        /** The steps of {@code urs} offered {@code rate}. */
        List<Step> steps(String urs, int rate) {
            return steps.stream().filter(s -> s.urs().equals(urs) && s.offered() == rate).toList();
        }

        void memory(Map<String, Long> residentMegabytes) {
            rss = residentMegabytes;
        }

        void ready(Map<String, Double> seconds, Set<String> startedFromArchive, int relaunchedProcesses) {
            readySeconds = seconds;
            fromArchive = startedFromArchive;
            relaunches = relaunchedProcesses;
        }

        /** Plans answered other than COMPLETE where every plan should have been. */
        void notComplete(long plans) {
            notComplete += plans;
        }

        void parallel(long delayMs, double delayedP50, double baselineP50) {
            figure("parallelDelayMs", delayMs);
            figure("parallelLatencyP50Ms", delayedP50);
            figure("parallelBaselineP50Ms", baselineP50);
            figure("speedup", 3.0 * delayMs / (delayedP50 - baselineP50));
        }

        void llm(LlmStep step) {
            llm.add(step);
        }

        void soak(SoakReport run) {
            soak = run;
        }

        void failed(String phase, String reason) {
            failures.put(phase, reason);
        }

        void scale(int workers, double plansPerSecond) {
            scaleRates.put(workers, plansPerSecond);
        }

        BenchReport build(GampConfig config) {
            Map<String, Repeated> repeated = new LinkedHashMap<>();
            figures.forEach((name, runs) -> repeated.put(name, Repeated.of(runs)));
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("memoryMb", totalMemoryMb());
            machine.put("java", System.getProperty("java.version"));
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            machine.put("broker", config.bootstrapServers());
            machine.put("services", options.inProcess() ? "in the benchmark's process" : "one JVM each");
            machine.put("date", Instant.now().toString());
            return new BenchReport(machine, repeated, List.copyOf(steps), Collections.unmodifiableMap(new LinkedHashMap<>(scaleRates)),
                rss, readySeconds, fromArchive, relaunches, List.copyOf(llm), soak, notComplete, Collections.unmodifiableMap(new LinkedHashMap<>(failures)));
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
