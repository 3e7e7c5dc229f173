package dev.gampplanner.planner.testplan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.TracedRequirement;

/**
 * Plans the OQ tests of a plan and its traceability table: requirement → clauses → risk → tests.
 *
 * <p>The number of tests lies in the strategy's range and follows the risk the SME agent found
 * (the share of high- and medium-risk requirements). Requirements are grouped by what a test would
 * exercise ({@link TestTheme}); every theme gets at least one test, the rest of the budget goes to
 * the themes carrying the most risk. Within a theme, tests either share its requirements (when
 * there are fewer tests than requirements) or add negative and boundary challenges for its
 * highest-risk requirements. Every requirement is covered by at least one test.
 */
public final class TestPlanComposer {

    private static final int MAX_CLAUSES_PER_TEST = 4;
    private static final Pattern MEASURABLE = Pattern.compile(
        "(?i)(?:within|not exceed(?:ing)?|under|below|above|at least|minimum(?: of)?|maximum(?: of)?|up to|less than|more than|"
            + "of|[<>≤≥]=?|±)\\s*[-+]?\\d[\\d,.]*\\s*(?:%|°c|ms\\b|milliseconds?|seconds?|s\\b|minutes?|min\\b|hours?|days?|years?|"
            + "users?|samples?|records?|documents?|tags?|instruments?|skus?|sensors?|points?|assignments?|injections?|uph|"
            + "participants?|gb|mb|tb)?");

    /** What a plan's tests are composed from. */
    public record Inputs(List<Requirement> requirements, TestStrategy strategy, Map<String, List<String>> clausesByRequirement,
                         Map<String, RequirementRisk> risks, boolean riskKnown) {
    }

    /** The traceability table, the tests, and what a reviewer should know about how they were planned. */
    public record Composition(List<TracedRequirement> requirements, List<PlannedTest> tests, List<String> reviewReasons) {
    }

    private enum Variant { POSITIVE, NEGATIVE, BOUNDARY }

    private record Draft(TestTheme theme, List<Requirement> requirements, Variant variant, boolean combined) {
    }

    public Composition compose(Inputs in) {
        List<Requirement> requirements = in.requirements();
        List<String> reasons = new ArrayList<>();
        if (requirements.isEmpty()) {
            reasons.add("the URS lists no requirement, so no OQ test could be planned");
            return new Composition(List.of(), List.of(), reasons);
        }
        if (!in.riskKnown()) {
            reasons.add("no risk assessment: the OQ test count is the middle of the strategy's range, not risk-adjusted");
        }
        Map<TestTheme, List<Requirement>> themes = new LinkedHashMap<>();
        for (Requirement requirement : requirements) {
            themes.computeIfAbsent(TestTheme.of(requirement), t -> new ArrayList<>()).add(requirement);
        }
        int target = targetCount(in);
        int cap = themes.entrySet().stream().mapToInt(e -> e.getKey().maxTestsPerRequirement() * e.getValue().size()).sum();
        if (target > cap) {
            reasons.add("the URS has only " + requirements.size() + (requirements.size() == 1 ? " requirement: " : " requirements: ")
                + cap + (cap == 1 ? " test is" : " tests are") + " planned, fewer than "
                + "the strategy's minimum of " + in.strategy().getOqTestsMin());
            target = cap;
        }
        List<Draft> drafts = draft(in, themes, target);
        return assemble(in, drafts, reasons);
    }

    /** The strategy's minimum plus the share of its range that the found risk calls for. */
    private static int targetCount(Inputs in) {
        TestStrategy strategy = in.strategy();
        double riskShare = 0.5;
        if (in.riskKnown()) {
            riskShare = in.requirements().stream().mapToDouble(r -> switch (level(in, r)) {
                case "HIGH" -> 1.0;
                case "MEDIUM" -> 0.5;
                default -> 0.0;
            }).sum() / in.requirements().size();
        }
        return strategy.getOqTestsMin() + (int) Math.round((strategy.getOqTestsMax() - strategy.getOqTestsMin()) * riskShare);
    }

    private List<Draft> draft(Inputs in, Map<TestTheme, List<Requirement>> themes, int target) {
        List<TestTheme> order = new ArrayList<>(themes.keySet());
        if (order.size() > target) {
            return draftCombined(in, themes, order, target);
        }
        Map<TestTheme, Integer> allocation = new EnumMap<>(TestTheme.class);
        order.forEach(t -> allocation.put(t, 1));
        for (int extra = target - order.size(); extra > 0; extra--) {
            // D'Hondt: the next test goes to the theme with the most risk per test already given.
            TestTheme next = order.stream()
                .filter(t -> allocation.get(t) < t.maxTestsPerRequirement() * themes.get(t).size())
                .max(Comparator.comparingDouble((TestTheme t) -> t.allocationWeight() * weight(in, themes.get(t)) / (allocation.get(t) + 1.0))
                    .thenComparing(t -> -order.indexOf(t)))
                .orElse(null);
            if (next == null) {
                break;
            }
            allocation.merge(next, 1, Integer::sum);
        }
        List<Draft> drafts = new ArrayList<>();
        for (TestTheme theme : order) {
            drafts.addAll(draftTheme(in, theme, themes.get(theme), allocation.get(theme)));
        }
        return drafts;
    }

    /**
     * More themes than tests: the regulatory controls, then the riskiest themes, keep a test each; the
     * rest share one combined test.
     */
    private List<Draft> draftCombined(Inputs in, Map<TestTheme, List<Requirement>> themes, List<TestTheme> order, int target) {
        List<TestTheme> byRisk = order.stream()
            .sorted(Comparator.comparing((TestTheme t) -> !t.isRegulatoryControl())
                .thenComparing(Comparator.comparingDouble((TestTheme t) -> weight(in, themes.get(t))).reversed())
                .thenComparing(order::indexOf))
            .toList();
        Set<TestTheme> separate = new LinkedHashSet<>(byRisk.subList(0, target - 1));
        List<Draft> drafts = new ArrayList<>();
        List<Requirement> rest = new ArrayList<>();
        for (TestTheme theme : order) {
            if (separate.contains(theme)) {
                drafts.add(new Draft(theme, themes.get(theme), Variant.POSITIVE, false));
            } else {
                rest.addAll(themes.get(theme));
            }
        }
        rest.sort(Comparator.comparingInt(in.requirements()::indexOf));
        drafts.add(new Draft(TestTheme.CORE, rest, Variant.POSITIVE, true));
        return drafts;
    }

    private List<Draft> draftTheme(Inputs in, TestTheme theme, List<Requirement> requirements, int tests) {
        List<Draft> drafts = new ArrayList<>();
        int m = requirements.size();
        if (tests <= m) {
            int start = 0;
            for (int i = 0; i < tests; i++) {
                int size = m / tests + (i < m % tests ? 1 : 0);
                drafts.add(new Draft(theme, requirements.subList(start, start + size), Variant.POSITIVE, false));
                start += size;
            }
            return drafts;
        }
        requirements.forEach(r -> drafts.add(new Draft(theme, List.of(r), Variant.POSITIVE, false)));
        List<Requirement> riskiest = requirements.stream()
            .sorted(Comparator.comparingDouble((Requirement r) -> weight(in, List.of(r))).reversed()
                .thenComparing(requirements::indexOf))
            .toList();
        int challenges = tests - m;
        List<Variant> variants = theme.refusesInvalidInput() ? List.of(Variant.NEGATIVE, Variant.BOUNDARY) : List.of(Variant.BOUNDARY);
        for (Variant variant : variants) {
            for (Requirement requirement : riskiest) {
                if (challenges == 0) {
                    return drafts;
                }
                drafts.add(new Draft(theme, List.of(requirement), variant, false));
                challenges--;
            }
        }
        return drafts;
    }

    private Composition assemble(Inputs in, List<Draft> drafts, List<String> reasons) {
        List<PlannedTest> tests = new ArrayList<>();
        Map<String, List<String>> testsByRequirement = new LinkedHashMap<>();
        in.requirements().forEach(r -> testsByRequirement.put(r.getId(), new ArrayList<>()));
        int number = 1;
        for (Draft draft : drafts) {
            String id = String.format(Locale.ROOT, "OQ-%03d", number++);
            PlannedTest test = test(in, id, draft);
            tests.add(test);
            test.getRequirementIds().forEach(r -> testsByRequirement.get(r).add(id));
        }
        List<TracedRequirement> rows = in.requirements().stream().map(r -> {
            RequirementRisk risk = in.risks().get(r.getId());
            return TracedRequirement.newBuilder()
                .setId(r.getId())
                .setText(r.getText())
                .setSection(r.getSection())
                .setKind(r.getKind())
                .setClauses(in.clausesByRequirement().getOrDefault(r.getId(), List.of()))
                .setRisk(risk == null ? null : risk.getLevel())
                .setRpn(risk == null ? null : risk.getRpn())
                .setTestIds(testsByRequirement.get(r.getId()))
                .build();
        }).toList();
        return new Composition(rows, tests, reasons);
    }

    private PlannedTest test(Inputs in, String id, Draft draft) {
        List<Requirement> requirements = draft.requirements();
        String ids = requirements.stream().map(Requirement::getId).collect(Collectors.joining(", "));
        String priority = requirements.stream().map(r -> level(in, r)).max(Comparator.comparingInt(TestPlanComposer::rank))
            .orElse("MEDIUM");
        String type;
        String title;
        String objective;
        List<String> criteria = new ArrayList<>();
        switch (draft.variant()) {
            case NEGATIVE -> {
                type = draft.theme().testType() + " (negative)";
                title = "Negative test: " + ids + " " + shorten(requirements.get(0).getText(), 60);
                objective = "Challenge " + ids + " with invalid, unauthorised or out-of-sequence input and verify that the "
                    + "system refuses it safely: " + requirements.get(0).getText();
                criteria.add("Invalid input is refused with a clear message and no record is created or changed");
                criteria.add("The refused attempt is visible in the audit trail or system log where the function is GxP-relevant");
            }
            case BOUNDARY -> {
                type = draft.theme().testType() + " (boundary)";
                title = "Boundary test: " + ids + " " + shorten(requirements.get(0).getText(), 60);
                objective = "Exercise " + ids + " at, just inside and just beyond its stated limits: "
                    + requirements.get(0).getText();
                criteria.add("At and inside the limit the system behaves as the requirement states; beyond it the system "
                    + "refuses, alarms or flags as specified");
                measurableCriteria(requirements).forEach(criteria::add);
            }
            default -> {
                String area = draft.combined() ? "combined functions" : draft.theme().area();
                type = draft.combined() ? "Functional test (combined areas)" : draft.theme().testType();
                title = capitalise(area) + ": " + (requirements.size() == 1
                    ? ids + " " + shorten(requirements.get(0).getText(), 60)
                    : ids);
                objective = requirements.size() == 1
                    ? "Verify " + ids + ": " + withDetails(requirements.get(0))
                    : "Verify the " + area + " requirements " + ids + ": " + requirements.stream()
                        .map(r -> shorten(r.getText(), 80)).collect(Collectors.joining("; "));
                for (Requirement requirement : requirements) {
                    List<String> measurable = measurableCriteria(List.of(requirement));
                    if (measurable.isEmpty()) {
                        criteria.add(requirement.getId() + ": observed behaviour matches the requirement: "
                            + shorten(requirement.getText(), 120));
                    } else {
                        criteria.addAll(measurable);
                    }
                }
                if (!draft.combined()) {
                    criteria.addAll(draft.theme().criteria());
                }
            }
        }
        if ("HIGH".equals(priority)) {
            criteria.add("Objective evidence (screenshots, printouts or exported records) is attached and reviewed by QA");
        }
        Set<String> clauses = new LinkedHashSet<>();
        requirements.forEach(r -> clauses.addAll(in.clausesByRequirement().getOrDefault(r.getId(), List.of())));
        boolean scripted = "HIGH".equals(priority) || ("MEDIUM".equals(priority) && in.strategy().getCategory() >= 4);
        return PlannedTest.newBuilder()
            .setId(id)
            .setTitle(title)
            .setType(type)
            .setObjective(objective)
            .setRequirementIds(requirements.stream().map(Requirement::getId).toList())
            .setClauses(clauses.stream().limit(MAX_CLAUSES_PER_TEST).toList())
            .setAcceptanceCriteria(List.copyOf(new LinkedHashSet<>(criteria)))
            .setPriority(priority)
            .setScripted(scripted)
            .build();
    }

    /** "Temperature readings shall be recorded at intervals not exceeding 5 minutes" → a criterion naming the limit. */
    private static List<String> measurableCriteria(List<Requirement> requirements) {
        List<String> criteria = new ArrayList<>();
        for (Requirement requirement : requirements) {
            Matcher matcher = MEASURABLE.matcher(requirement.getText());
            List<String> limits = new ArrayList<>();
            while (matcher.find()) {
                String limit = matcher.group().strip();
                if (limit.matches(".*\\d.*") && limit.length() > 2) {
                    limits.add(limit);
                }
            }
            if (!limits.isEmpty()) {
                criteria.add(requirement.getId() + ": measured result meets the stated limit (" + String.join("; ", limits)
                    + ") and the measurement is recorded");
            }
        }
        return criteria;
    }

    private static String withDetails(Requirement requirement) {
        return requirement.getDetails().isEmpty() ? requirement.getText()
            : requirement.getText() + " " + String.join("; ", requirement.getDetails());
    }

    private static String level(Inputs in, Requirement requirement) {
        RequirementRisk risk = in.risks().get(requirement.getId());
        return risk == null ? "MEDIUM" : risk.getLevel();
    }

    private static double weight(Inputs in, List<Requirement> requirements) {
        return requirements.stream().mapToDouble(r -> rank(level(in, r))).sum();
    }

    private static int rank(String level) {
        return switch (level) {
            case "HIGH" -> 3;
            case "LOW" -> 1;
            default -> 2;
        };
    }

    private static String shorten(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length - 3);
        return text.substring(0, cut > length / 2 ? cut : length - 3) + "...";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
