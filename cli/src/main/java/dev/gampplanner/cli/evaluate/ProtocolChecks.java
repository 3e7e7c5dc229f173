package dev.gampplanner.cli.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.TracedRequirement;

/**
 * A labelled set of what a CSV/QA reviewer expects of a plan for chosen requirements — the stage that
 * proves each, the theme of its test, the concrete values its steps apply, whether it is testable as
 * written — and the score of a set of plans against it.
 */
public final class ProtocolChecks {

    /** One labelled requirement; empty expectations are not checked. */
    public record Expectation(String document, String requirement, String stage, String theme, List<String> values,
                              String testability) {
    }

    /** One expectation not met, and what the plan has instead. */
    public record Miss(String document, String requirement, String check, String found) {
    }

    public record Score(int rows, int rowsMet, int checks, int checksMet, List<Miss> misses) {
    }

    private final List<Expectation> expectations;

    private ProtocolChecks(List<Expectation> expectations) {
        this.expectations = List.copyOf(expectations);
    }

    /** Lines document,requirement,stage,theme,values (|-separated),testability; # starts a comment. */
    public static ProtocolChecks parse(String csv) {
        List<Expectation> expectations = new ArrayList<>();
        int number = 0;
        for (String line : csv.split("\n")) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] cells = text.split(",", -1);
            if (cells.length != 6 || cells[0].isBlank() || cells[1].isBlank()) {
                throw new IllegalArgumentException("protocol checks line " + number + " needs 6 cells "
                    + "(document,requirement,stage,theme,values,testability): " + text);
            }
            expectations.add(new Expectation(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip(),
                Arrays.stream(cells[4].split("\\|")).map(String::strip).filter(v -> !v.isEmpty()).toList(), cells[5].strip()));
        }
        return new ProtocolChecks(expectations);
    }

    public List<String> documents() {
        return expectations.stream().map(Expectation::document).distinct().toList();
    }

    /** @param plans by document id (URS-001); a labelled document without a plan fails every check */
    public Score score(Map<String, MergedPlan> plans) {
        int rowsMet = 0;
        int checks = 0;
        int met = 0;
        List<Miss> misses = new ArrayList<>();
        for (Expectation e : expectations) {
            List<Miss> rowMisses = new ArrayList<>();
            int rowChecks = 0;
            MergedPlan plan = plans.get(e.document());
            Optional<TracedRequirement> row = plan == null ? Optional.empty()
                : plan.getRequirements().stream().filter(r -> r.getId().equals(e.requirement())).findFirst();
            List<PlannedTest> tests = plan == null ? List.of()
                : plan.getTests().stream().filter(t -> t.getRequirementIds().contains(e.requirement())).toList();
            String found = tests.stream().map(t -> t.getId() + " " + t.getStage() + " " + t.getType()).collect(Collectors.joining("; "));
            if (!e.stage().isEmpty()) {
                rowChecks++;
                check(tests.stream().anyMatch(t -> t.getStage().name().equals(e.stage())), e, "stage " + e.stage(), found, rowMisses);
            }
            if (!e.theme().isEmpty()) {
                rowChecks++;
                check(tests.stream().anyMatch(t -> t.getType().toLowerCase(Locale.ROOT).contains(e.theme())), e,
                    "theme " + e.theme(), found, rowMisses);
            }
            String applied = tests.stream().flatMap(t -> Stream.concat(t.getTestData().stream(),
                t.getSteps().stream().map(s -> s.getAction()))).collect(Collectors.joining("\n"));
            for (String value : e.values()) {
                rowChecks++;
                check(applied.contains(value), e, "value " + value, found, rowMisses);
            }
            if (!e.testability().isEmpty()) {
                rowChecks++;
                check(row.map(r -> r.getTestability().name().equals(e.testability())).orElse(false), e, "testability "
                    + e.testability(), row.map(r -> r.getTestability().name()).orElse("no such requirement"), rowMisses);
            }
            checks += rowChecks;
            met += rowChecks - rowMisses.size();
            rowsMet += rowMisses.isEmpty() ? 1 : 0;
            misses.addAll(rowMisses);
        }
        return new Score(expectations.size(), rowsMet, checks, met, misses);
    }

    private static void check(boolean ok, Expectation e, String check, String found, List<Miss> misses) {
        if (!ok) {
            misses.add(new Miss(e.document(), e.requirement(), check, found.isEmpty() ? "no test" : found));
        }
    }
}
