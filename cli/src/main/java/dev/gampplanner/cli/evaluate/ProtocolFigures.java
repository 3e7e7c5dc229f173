package dev.gampplanner.cli.evaluate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.GapAction;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStep;
import dev.gampplanner.schema.TestVariant;
import dev.gampplanner.schema.TracedRequirement;

/**
 * How executable a set of plans is, as a reviewer counts it: tests with at least three steps,
 * boundary tests that apply the requirement's own values, criteria that only restate the requirement
 * (goal 0), and HIGH compliance gaps that lead nowhere (goal 0).
 */
public record ProtocolFigures(int tests, int testsWithSteps, int scripted, int boundaryTests, int boundaryWithOwnValues,
                              int criteria, int restatingCriteria, int highGaps, int highGapsWithoutAction) {

    /** Three steps: set up, act, check; fewer is not a procedure a tester can follow without interpretation. */
    private static final int STEPS = 3;
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final int RESTATED_WORDS = 5;

    public static ProtocolFigures of(Collection<MergedPlan> plans) {
        int tests = 0;
        int withSteps = 0;
        int scripted = 0;
        int boundary = 0;
        int ownValues = 0;
        int criteria = 0;
        int restating = 0;
        int highGaps = 0;
        int withoutAction = 0;
        for (MergedPlan plan : plans) {
            for (PlannedTest test : plan.getTests()) {
                tests++;
                withSteps += test.getSteps().size() >= STEPS ? 1 : 0;
                scripted += test.getScripted() ? 1 : 0;
                if (test.getVariant() == TestVariant.BOUNDARY) {
                    boundary++;
                    ownValues += appliesOwnValues(plan, test) ? 1 : 0;
                }
                for (String criterion : test.getAcceptanceCriteria()) {
                    criteria++;
                    restating += restates(plan, test, criterion) ? 1 : 0;
                }
            }
            if (plan.getSme() != null) {
                for (ComplianceGap gap : plan.getSme().getGaps()) {
                    if (gap.getSeverityLevel() == RiskLevel.HIGH) {
                        highGaps++;
                        withoutAction += plan.getGapActions().stream().noneMatch(a -> a.getControlId().equals(gap.getControlId())
                            && leadsSomewhere(a)) ? 1 : 0;
                    }
                }
            }
        }
        return new ProtocolFigures(tests, withSteps, scripted, boundary, ownValues, criteria, restating, highGaps, withoutAction);
    }

    /** A planned test, or an open item with an owner. */
    private static boolean leadsSomewhere(GapAction action) {
        return !action.getTestIds().isEmpty() || !action.getAction().isBlank() && !action.getOwnerRole().isBlank();
    }

    /** Every number the requirement states appears in a step the test applies. */
    private static boolean appliesOwnValues(MergedPlan plan, PlannedTest test) {
        Set<String> numbers = test.getRequirementIds().stream().map(id -> statedText(plan, id))
            .flatMap(text -> numbers(text).stream()).collect(Collectors.toSet());
        String steps = test.getSteps().stream().map(TestStep::getAction).collect(Collectors.joining(" "));
        Set<String> applied = Set.copyOf(numbers(steps));
        return !numbers.isEmpty() && numbers.stream().anyMatch(n -> applied.contains(n) || applied.contains(n + ".0"));
    }

    /** A criterion that says only that the requirement is met: it carries the requirement's wording and no check of its own. */
    private static boolean restates(MergedPlan plan, PlannedTest test, String criterion) {
        String lower = criterion.toLowerCase(Locale.ROOT);
        if (lower.contains("matches the requirement")) {
            return true;
        }
        String normalized = normalize(criterion);
        return test.getRequirementIds().stream().map(id -> normalize(requirement(plan, id).getText()))
            .anyMatch(text -> text.split(" ").length >= RESTATED_WORDS && normalized.contains(text));
    }

    /** The requirement's text with its detail lines, which the context agent's findings carry. */
    private static String statedText(MergedPlan plan, String id) {
        String details = plan.getContext() == null ? "" : plan.getContext().getRequirements().stream()
            .filter(r -> r.getId().equals(id)).flatMap(r -> r.getDetails().stream()).collect(Collectors.joining(" "));
        return requirement(plan, id).getText() + " " + details;
    }

    private static TracedRequirement requirement(MergedPlan plan, String id) {
        return plan.getRequirements().stream().filter(r -> r.getId().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalStateException("test names unknown requirement " + id));
    }

    private static List<String> numbers(String text) {
        Matcher matcher = NUMBER.matcher(text.replace(",", ""));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    public double shareWithSteps() {
        return tests == 0 ? 0 : (double) testsWithSteps / tests;
    }
}
