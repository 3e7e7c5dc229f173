package dev.gampplanner.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gampplanner.agent.context.knowledge.KnowledgeBase;
import dev.gampplanner.agent.context.knowledge.Passage;
import dev.gampplanner.agent.context.retrieval.RetrievalMethod;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;

/**
 * Recall@3 of BM25 alone and of the hybrid over a labelled set of requirements from the examples,
 * each with the clauses a validation reviewer expects ({@code retrieval-eval.csv}), measured on what
 * the agent actually returns. The decision to ship the semantic leg rests on this test: the shipped
 * method must do at least as well as the other, and must not fall below the measured level.
 *
 * <p>Load time and per-request latency are reported, not asserted: they depend on the machine.
 */
class RetrievalEvaluationTest {

    /** Measured 0.6486 for the hybrid (BM25 alone: 0.6216); a few points of margin below. */
    private static final double RECALL_FLOOR = 0.60;
    private static final Path REPORT = Path.of("target", "retrieval-eval.md");

    private static List<Pair> pairs;
    private static Map<RetrievalMethod, Run> runs;

    record Pair(String requirementId, String file, List<String> expected, String note) {
    }

    /** One method over the labelled set and all example documents. */
    record Run(RetrievalMethod method, long loadMillis, double meanRequestMillis, double maxRequestMillis,
               double meanCoverage, double recallAt3, double hitAt3, Map<Pair, List<String>> retrieved) {
    }

    @BeforeAll
    static void evaluate() throws IOException, AgentException {
        pairs = readPairs();
        runs = new LinkedHashMap<>();
        for (RetrievalMethod method : RetrievalMethod.values()) {
            runs.put(method, run(method));
        }
        String report = report();
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);
    }

    @Test
    void labelledSetIsLargeEnoughAndNamesRealRequirementsAndPassages() {
        Set<String> passageIds = KnowledgeBase.load().passages().stream().map(Passage::id).collect(Collectors.toSet());

        assertThat(pairs).hasSizeGreaterThanOrEqualTo(40);
        assertThat(pairs).extracting(Pair::requirementId).doesNotHaveDuplicates();
        for (Pair pair : pairs) {
            assertThat(UrsParser.parse(Examples.text(pair.file())).requirements()).extracting(UrsRequirement::id)
                .as(pair.file()).contains(pair.requirementId());
            assertThat(pair.expected()).as(pair.requirementId()).hasSizeBetween(1, 3).allSatisfy(id -> assertThat(passageIds).contains(id));
        }
    }

    @Test
    void shippedMethodRecallsAtLeastAsMuchAsTheOtherAndStaysAboveTheMeasuredFloor() {
        Run shipped = runs.get(ContextAgent.METHOD);
        for (Run other : runs.values()) {
            assertThat(shipped.recallAt3()).as("%s vs %s", shipped.method(), other.method()).isGreaterThanOrEqualTo(other.recallAt3());
        }
        assertThat(shipped.recallAt3()).isGreaterThanOrEqualTo(RECALL_FLOOR);
    }

    private static Run run(RetrievalMethod method) throws AgentException {
        long start = System.nanoTime();
        ContextAgent agent = ContextAgent.load(method);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;

        // One pass to warm up class loading and the JIT, one timed pass.
        for (String file : Examples.files()) {
            agent.analyse(Examples.request(file));
        }
        Map<String, ContextFindings> findings = new LinkedHashMap<>();
        List<Double> millis = new ArrayList<>();
        for (String file : Examples.files()) {
            long begin = System.nanoTime();
            findings.put(file, agent.analyse(Examples.request(file)));
            millis.add((System.nanoTime() - begin) / 1e6);
        }

        Map<Pair, List<String>> retrieved = new LinkedHashMap<>();
        double recall = 0;
        int hits = 0;
        for (Pair pair : pairs) {
            List<String> top = findings.get(pair.file()).getTraces().stream()
                .filter(trace -> trace.getRequirementId().equals(pair.requirementId()))
                .flatMap(trace -> trace.getClauses().stream())
                .map(ClauseMatch::getPassageId)
                .toList();
            retrieved.put(pair, top);
            Set<String> found = new HashSet<>(top);
            found.retainAll(pair.expected());
            recall += (double) found.size() / pair.expected().size();
            hits += found.isEmpty() ? 0 : 1;
        }
        double coverage = findings.values().stream().mapToDouble(ContextFindings::getCoverage).average().orElse(0);
        return new Run(method, loadMillis, millis.stream().mapToDouble(Double::doubleValue).average().orElse(0),
            millis.stream().mapToDouble(Double::doubleValue).max().orElse(0), coverage,
            recall / pairs.size(), (double) hits / pairs.size(), retrieved);
    }

    private static List<Pair> readPairs() throws IOException {
        List<String> lines;
        try (var in = RetrievalEvaluationTest.class.getResourceAsStream("/retrieval-eval.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Pair> read = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", 4);
            read.add(new Pair(cells[0].strip(), cells[1].strip(), List.of(cells[2].strip().split(";")), cells[3].strip()));
        }
        return read;
    }

    private static String report() {
        int requirements = Examples.files().stream().mapToInt(f -> UrsParser.parse(Examples.text(f)).requirements().size()).sum();
        StringBuilder md = new StringBuilder();
        md.append("# Retrieval evaluation\n\n");
        md.append(String.format(Locale.ROOT, "%d labelled requirements (`src/test/resources/retrieval-eval.csv`); "
            + "latency over the %d example documents (%d requirements), after one warm-up pass.%n%n",
            pairs.size(), Examples.files().size(), requirements));
        md.append("| method | recall@3 | hit@3 | mean coverage | load ms | mean request ms | max request ms |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Run run : runs.values()) {
            md.append(String.format(Locale.ROOT, "| %s%s | %.4f | %.4f | %.4f | %d | %.1f | %.1f |%n", run.method().label(),
                run.method() == ContextAgent.METHOD ? " (shipped)" : "", run.recallAt3(), run.hitAt3(), run.meanCoverage(),
                run.loadMillis(), run.meanRequestMillis(), run.maxRequestMillis()));
        }
        md.append("\nrecall@3: share of a requirement's expected clauses among the clauses returned (at most 3), "
            + "averaged over the labelled requirements; hit@3: share with at least one expected clause returned.\n\n");
        md.append("| requirement | expected |");
        runs.keySet().forEach(method -> md.append(' ').append(method.label()).append(" |"));
        md.append("\n|---|---|");
        runs.keySet().forEach(method -> md.append("---|"));
        md.append('\n');
        for (Pair pair : pairs) {
            md.append("| ").append(pair.requirementId()).append(" | ").append(String.join(" ", pair.expected())).append(" |");
            for (Run run : runs.values()) {
                md.append(' ').append(run.retrieved().get(pair).stream()
                    .map(id -> pair.expected().contains(id) ? "**" + id + "**" : id)
                    .collect(Collectors.joining(" "))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
