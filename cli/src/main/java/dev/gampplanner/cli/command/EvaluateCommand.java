package dev.gampplanner.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.cli.evaluate.ProtocolChecks;
import dev.gampplanner.cli.evaluate.ProtocolFigures;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.TracedRequirement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** How the planner does on a folder of URS documents whose categories are known. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Plans every document listed in DIR/manifest.csv (id,expected_category,title; a pair such as 3/4 accepts "
        + "either) with the same intake, agents and plan assembly the services run, and prints expected vs determined "
        + "category, confidence, requirements found vs present, tests planned and coverage; then the protocol figures (tests with "
        + "steps, boundary tests with the requirement's own values, restating criteria, HIGH gaps without action) and the score "
        + "against the labelled protocol checks. Default DIR: the bundled examples.")
public final class EvaluateCommand implements Callable<Integer> {

    /** A requirement id at the start of a list item or table row, counted independently of the parser. */
    private static final Pattern LISTED_ID = Pattern.compile(
        "(?m)^\\s*(?:[-*+]|\\d+[.)]|\\|)?\\s*(?:\\*\\*)?([A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)+)(?:\\*\\*)?\\s*(?::|\\||\\s[-\u2013])");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Folder with manifest.csv and the URS files.")
    Path directory;

    @Option(names = "--json", description = "One JSON object per document per line instead of the table.")
    boolean json;

    @Option(names = "--checks", paramLabel = "FILE", description = "Labelled protocol checks (document,requirement,stage,theme,"
        + "values,testability) to score the plans against. Default: DIR/protocol-checks.csv when DIR has one, else the "
        + "bundled examples' checks.")
    Path checks;

    private record Row(String id, List<Integer> expected, MergedPlan plan, int present) {
        boolean right() {
            return expected.contains(plan.getCategory().getCategory());
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Environment.quietServices(false);
        String manifest = directory == null ? UrsFile.bundledManifest()
            : Files.readString(directory.resolve("manifest.csv"), StandardCharsets.UTF_8);
        OfflinePlanner planner = new OfflinePlanner(Environment.config(), ServiceCatalog.agents());
        List<Row> rows = new ArrayList<>();
        for (String line : manifest.split("\n")) {
            String[] cells = line.strip().split(",", 3);
            if (cells.length < 2 || !cells[1].matches("[0-9]+(/[0-9]+)*")) {
                continue;
            }
            String id = cells[0].strip();
            UrsFile file = directory == null
                ? UrsFile.bundledExamples().stream().filter(f -> f.name().equals(id + ".md")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("manifest lists " + id + " but there is no " + id + ".md"))
                : UrsFile.read(directory.resolve(id + ".md"));
            List<Integer> expected = Arrays.stream(cells[1].split("/")).map(String::strip).map(Integer::valueOf).toList();
            rows.add(new Row(id, expected, planner.trace(file.name(), file.text(), null, "gamp evaluate").plan(), present(file.text())));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the manifest lists no document (expected lines: id,expected_category,title)");
        }
        if (json) {
            rows.forEach(row -> out.println(PlanJson.line(json(row))));
        } else {
            table(out, rows);
            protocol(out, rows);
        }
        out.flush();
        return 0;
    }

    /** The protocol figures over every plan, and the score against the labelled checks. */
    private void protocol(PrintWriter out, List<Row> rows) throws IOException {
        ProtocolFigures figures = ProtocolFigures.of(rows.stream().map(Row::plan).toList());
        out.printf(Locale.ROOT, "%nProtocol: %d tests, %d with at least 3 steps (%.0f%%; the other %d are test charters of "
            + "unscripted tests); %d of %d boundary tests apply the requirement's own values; %d of %d acceptance criteria "
            + "restate the requirement (goal 0); %d of %d HIGH compliance gaps without a test or an owned open item (goal 0).%n",
            figures.tests(), figures.testsWithSteps(), figures.shareWithSteps() * 100, figures.tests() - figures.testsWithSteps(),
            figures.boundaryWithOwnValues(), figures.boundaryTests(), figures.restatingCriteria(), figures.criteria(),
            figures.highGapsWithoutAction(), figures.highGaps());
        String labelled = labelledChecks();
        if (labelled == null) {
            return;
        }
        Map<String, MergedPlan> plans = new LinkedHashMap<>();
        rows.forEach(r -> plans.put(r.id(), r.plan()));
        ProtocolChecks.Score score = ProtocolChecks.parse(labelled).score(plans);
        out.printf(Locale.ROOT, "Labelled protocol checks: %d of %d met (%d of %d requirements fully as a reviewer expects).%n",
            score.checksMet(), score.checks(), score.rowsMet(), score.rows());
        score.misses().forEach(m -> out.printf(Locale.ROOT, "  missed %s %s: %s (planned: %s)%n", m.document(), m.requirement(),
            m.check(), m.found()));
    }

    private String labelledChecks() throws IOException {
        if (checks != null) {
            return Files.readString(checks, StandardCharsets.UTF_8);
        }
        if (directory == null) {
            return UrsFile.bundledProtocolChecks();
        }
        Path inDirectory = directory.resolve("protocol-checks.csv");
        return Files.exists(inDirectory) ? Files.readString(inDirectory, StandardCharsets.UTF_8) : null;
    }

    private static int present(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher matcher = LISTED_ID.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).matches(".*\\d.*")) {
                ids.add(matcher.group(1));
            }
        }
        return ids.size();
    }

    /** Share of the testable requirements with a test; those to clarify first are counted apart. */
    private static double traced(MergedPlan plan) {
        List<TracedRequirement> testable = plan.getRequirements().stream()
            .filter(r -> r.getTestability() == Testability.TESTABLE).toList();
        long covered = testable.stream().filter(r -> !r.getTestIds().isEmpty()).count();
        return testable.isEmpty() ? 0 : (double) covered / testable.size();
    }

    private static long inStage(MergedPlan plan, TestStage stage) {
        return plan.getTests().stream().filter(t -> t.getStage() == stage).count();
    }

    private static long toClarify(MergedPlan plan) {
        return plan.getRequirements().stream().filter(r -> r.getTestability() == Testability.CLARIFY).count();
    }

    private static double clauses(MergedPlan plan) {
        return plan.getContext() == null ? 0 : plan.getContext().getCoverage();
    }

    private static ObjectNode json(Row row) {
        MergedPlan plan = row.plan();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("source", row.id() + ".md");
        node.put("expectedCategory", row.expected().stream().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse(""));
        node.put("gampCategory", plan.getCategory().getCategory());
        node.put("categoryRight", row.right());
        node.put("categoryConfidence", plan.getCategory().getConfidence());
        node.put("reviewRequired", plan.getCategory().getReviewRequired());
        node.put("requirementsFound", plan.getRequirements().size());
        node.put("requirementsPresent", row.present());
        node.put("testsPlanned", plan.getTests().size());
        node.put("testRange", plan.getStrategy().getOqTestsMin() + "-" + plan.getStrategy().getOqTestsMax());
        node.put("requirementsTraced", traced(plan));
        node.put("clauseCoverage", clauses(plan));
        node.put("highRiskRequirements", plan.getRequirements().stream().map(TracedRequirement::getRiskLevel)
            .filter(level -> level == RiskLevel.HIGH).count());
        ProtocolFigures figures = ProtocolFigures.of(List.of(plan));
        node.put("tests", figures.tests());
        node.put("testsWithSteps", figures.testsWithSteps());
        node.put("boundaryTests", figures.boundaryTests());
        node.put("boundaryTestsWithOwnValues", figures.boundaryWithOwnValues());
        node.put("restatingCriteria", figures.restatingCriteria());
        node.put("highGapsWithoutAction", figures.highGapsWithoutAction());
        node.put("requirementsToClarify", toClarify(plan));
        node.put("oqTests", inStage(plan, TestStage.OQ));
        node.put("status", plan.getStatus().name());
        return node;
    }

    private static void table(PrintWriter out, List<Row> rows) {
        out.println("| URS | Expected | Determined | Confidence | Review | Requirements found / present | To clarify "
            + "| OQ tests (range) | IQ / PQ tests | Testable traced | Clause coverage |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        int right = 0;
        int requirementsExact = 0;
        for (Row row : rows) {
            MergedPlan plan = row.plan();
            right += row.right() ? 1 : 0;
            requirementsExact += plan.getRequirements().size() == row.present() ? 1 : 0;
            out.printf(Locale.ROOT, "| %s | %s | %d%s | %.2f | %s | %d / %d | %d | %d (%d-%d) | %d / %d | %.0f%% | %.0f%% |%n", row.id(),
                row.expected().stream().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse(""),
                plan.getCategory().getCategory(), row.right() ? "" : " ✗", plan.getCategory().getConfidence(),
                plan.getCategory().getReviewRequired() ? "yes" : "no", plan.getRequirements().size(), row.present(),
                toClarify(plan), inStage(plan, TestStage.OQ), plan.getStrategy().getOqTestsMin(), plan.getStrategy().getOqTestsMax(),
                inStage(plan, TestStage.IQ), inStage(plan, TestStage.PQ), traced(plan) * 100, clauses(plan) * 100);
        }
        out.printf(Locale.ROOT, "%nCategory right: %d of %d (either side of an ambiguous pair counts). Requirements found "
            + "equal those present: %d of %d.%n", right, rows.size(), requirementsExact, rows.size());
    }
}
