package dev.gampplanner.planner.testplan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.CustomComponent;
import dev.gampplanner.schema.GapAction;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.TestVariant;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.TracedRequirement;

/**
 * Plans the tests of a plan and its traceability table: requirement → clauses → risk → tests.
 *
 * <p>Each requirement is placed in the stage that proves it: installation checks in IQ, long-run
 * targets (availability, retention, daily throughput) in PQ, the rest in OQ. A requirement that
 * cannot be tested as written is marked CLARIFY with the reason and gets no criterion of its own.
 * The number of OQ tests lies in the strategy's range, follows the risk the SME agent found and is
 * bounded by what the content supports: requirements are grouped by what a test exercises
 * ({@link TestTheme}); every theme gets a test, and the rest of the budget goes to the themes
 * carrying the most risk as one negative test of the theme's protections and boundary tests for
 * the requirements that state a limit.
 */
public final class TestPlanComposer {

    private static final int MAX_CLAUSES_PER_TEST = 4;
    private static final Pattern RELEASE = Pattern.compile("(?i)\\b(?:batch release|release decision|disposition|release scor|"
        + "release rules?\\b|release packet)");
    private static final int SCRIPTED_SEVERITY = 5;

    /** What a plan's tests are composed from. */
    public record Inputs(List<Requirement> requirements, TestStrategy strategy, Map<String, List<String>> clausesByRequirement,
                         Map<String, RequirementRisk> risks, boolean riskKnown, String system, SystemKind kind,
                         List<ComplianceGap> gaps) {
    }

    /**
     * The traceability table, the tests, what closes each compliance gap, the Category 5 components, and what a
     * reviewer should know about how they were planned.
     */
    public record Composition(List<TracedRequirement> requirements, List<PlannedTest> tests, List<GapAction> gapActions,
                              List<CustomComponent> components, List<String> reviewReasons) {
    }

    /** @param gap the compliance gap a test is planned for when no requirement brings its theme into the plan */
    private record Draft(TestTheme theme, List<RequirementContent> contents, TestVariant variant, boolean combined, TestStage stage,
                         ComplianceGap gap) {

        Draft(TestTheme theme, List<RequirementContent> contents, TestVariant variant, boolean combined, TestStage stage) {
            this(theme, contents, variant, combined, stage, null);
        }
    }

    public Composition compose(Inputs in) {
        List<String> reasons = new ArrayList<>();
        if (in.requirements().isEmpty()) {
            reasons.add("the URS lists no requirement, so no test could be planned");
            return new Composition(List.of(), List.of(), List.of(), List.of(), reasons);
        }
        if (!in.riskKnown()) {
            reasons.add("no risk assessment: the OQ test count is the middle of the strategy's range, not risk-adjusted");
        }
        List<RequirementContent> contents = in.requirements().stream()
            .map(r -> RequirementContent.of(r, TestTheme.of(r, in.kind()))).toList();
        List<RequirementContent> clarify = contents.stream().filter(c -> !c.testable()).toList();
        if (!clarify.isEmpty()) {
            reasons.add(clarify.size() + (clarify.size() == 1 ? " requirement" : " requirements") + " must be clarified before "
                + "testing: " + String.join(", ", clarify.stream().map(RequirementContent::id).toList()));
        }
        List<Draft> drafts = new ArrayList<>();
        List<RequirementContent> installation = inStage(contents, TestStage.IQ);
        if (!installation.isEmpty()) {
            drafts.add(new Draft(TestTheme.CORE, installation, TestVariant.POSITIVE, true, TestStage.IQ));
        }
        Set<TestTheme> tested = inStage(contents, TestStage.OQ).stream().map(RequirementContent::theme)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(TestTheme.class)));
        List<Draft> gapTests = new ArrayList<>();
        for (ComplianceGap gap : in.gaps()) {
            GapPlanner.testedTheme(gap).filter(tested::add).ifPresent(theme -> gapTests.add(new Draft(theme, List.of(),
                TestVariant.NEGATIVE, false, TestStage.OQ, gap)));
        }
        drafts.addAll(operational(in, contents, gapTests.size(), reasons));
        drafts.addAll(gapTests);
        inStage(contents, TestStage.PQ).forEach(c -> drafts.add(new Draft(c.theme(), List.of(c), TestVariant.POSITIVE, false,
            TestStage.PQ)));
        Set<String> boundaryTested = drafts.stream().filter(d -> d.variant() == TestVariant.BOUNDARY)
            .flatMap(d -> d.contents().stream().map(RequirementContent::id)).collect(Collectors.toSet());
        ProtocolWriter.Context context = ProtocolWriter.Context.of(in.system(), in.kind(), contents, boundaryTested);
        return assemble(in, context, contents, drafts, reasons);
    }

    /** Testable requirements of the stage; regulatory controls stay in OQ even when a qualifier needs clarifying. */
    private static List<RequirementContent> inStage(List<RequirementContent> contents, TestStage stage) {
        return contents.stream().filter(c -> c.stage() == stage && (c.testable() || stage == TestStage.OQ
            && c.theme().isRegulatoryControl())).toList();
    }

    /** @param gapTests OQ tests already planned for compliance gaps, which take their share of the target */
    private List<Draft> operational(Inputs in, List<RequirementContent> contents, int gapTests, List<String> reasons) {
        List<RequirementContent> oq = inStage(contents, TestStage.OQ);
        if (oq.isEmpty()) {
            return List.of();
        }
        Map<TestTheme, List<RequirementContent>> themes = new LinkedHashMap<>();
        oq.forEach(c -> themes.computeIfAbsent(c.theme(), t -> new ArrayList<>()).add(c));
        int target = Math.max(1, targetCount(in) - gapTests);
        int cap = themes.values().stream().mapToInt(TestPlanComposer::capacity).sum();
        if (target > cap) {
            reasons.add("the URS supports " + cap + (cap == 1 ? " OQ test" : " OQ tests") + " (one per testable requirement, "
                + "one negative test per theme and one boundary test per stated limit), fewer than the strategy's target of "
                + target);
            target = cap;
        }
        List<TestTheme> order = new ArrayList<>(themes.keySet());
        if (order.size() > target) {
            return combined(in, themes, order, target);
        }
        Map<TestTheme, Integer> allocation = new EnumMap<>(TestTheme.class);
        order.forEach(t -> allocation.put(t, 1));
        for (int extra = target - order.size(); extra > 0; extra--) {
            // D'Hondt: the next test goes to the theme with the most risk per test already given.
            TestTheme next = order.stream()
                .filter(t -> allocation.get(t) < capacity(themes.get(t)))
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
            drafts.addAll(theme(in, theme, themes.get(theme), allocation.get(theme)));
        }
        return drafts;
    }

    /** A positive test per requirement, one negative test of the theme, a boundary test per requirement with a limit. */
    private static int capacity(List<RequirementContent> contents) {
        return contents.size() + 1 + (int) contents.stream().filter(c -> !c.challengeableLimits().isEmpty()).count();
    }

    /** The strategy's minimum plus the share of its range that the found risk calls for. */
    private static int targetCount(Inputs in) {
        TestStrategy strategy = in.strategy();
        double riskShare = 0.5;
        if (in.riskKnown()) {
            riskShare = in.requirements().stream().mapToDouble(r -> switch (level(in, r)) {
                case HIGH -> 1.0;
                case MEDIUM -> 0.5;
                case LOW -> 0.0;
            }).sum() / in.requirements().size();
        }
        return strategy.getOqTestsMin() + (int) Math.round((strategy.getOqTestsMax() - strategy.getOqTestsMin()) * riskShare);
    }

    /**
     * More themes than tests: the regulatory controls, then the riskiest themes, keep a test each; the
     * rest share one combined test.
     */
    private List<Draft> combined(Inputs in, Map<TestTheme, List<RequirementContent>> themes, List<TestTheme> order, int target) {
        List<TestTheme> byRisk = order.stream()
            .sorted(Comparator.comparing((TestTheme t) -> !t.isRegulatoryControl())
                .thenComparing(Comparator.comparingDouble((TestTheme t) -> weight(in, themes.get(t))).reversed())
                .thenComparing(order::indexOf))
            .toList();
        Set<TestTheme> separate = new LinkedHashSet<>(byRisk.subList(0, target - 1));
        List<Draft> drafts = new ArrayList<>();
        List<RequirementContent> rest = new ArrayList<>();
        for (TestTheme theme : order) {
            if (separate.contains(theme)) {
                drafts.add(new Draft(theme, themes.get(theme), TestVariant.POSITIVE, false, TestStage.OQ));
            } else {
                rest.addAll(themes.get(theme));
            }
        }
        rest.sort(Comparator.comparingInt(c -> in.requirements().indexOf(c.requirement())));
        drafts.add(new Draft(TestTheme.CORE, rest, TestVariant.POSITIVE, true, TestStage.OQ));
        return drafts;
    }

    private List<Draft> theme(Inputs in, TestTheme theme, List<RequirementContent> contents, int tests) {
        List<Draft> drafts = new ArrayList<>();
        int m = contents.size();
        int positives = Math.min(tests, m);
        int start = 0;
        for (int i = 0; i < positives; i++) {
            int size = m / positives + (i < m % positives ? 1 : 0);
            drafts.add(new Draft(theme, contents.subList(start, start + size), TestVariant.POSITIVE, false, TestStage.OQ));
            start += size;
        }
        List<RequirementContent> riskiest = contents.stream()
            .sorted(Comparator.comparingDouble((RequirementContent c) -> weight(in, List.of(c))).reversed()
                .thenComparing(contents::indexOf))
            .toList();
        List<Draft> challenges = new ArrayList<>();
        List<RequirementContent> limited = riskiest.stream().filter(c -> !c.challengeableLimits().isEmpty()).toList();
        Draft negative = new Draft(theme, contents, TestVariant.NEGATIVE, false, TestStage.OQ);
        if (!limited.isEmpty()) {
            challenges.add(new Draft(theme, List.of(limited.get(0)), TestVariant.BOUNDARY, false, TestStage.OQ));
        }
        challenges.add(negative);
        limited.stream().skip(1).forEach(c -> challenges.add(new Draft(theme, List.of(c), TestVariant.BOUNDARY, false, TestStage.OQ)));
        drafts.addAll(challenges.subList(0, Math.min(challenges.size(), tests - positives)));
        return drafts;
    }

    private Composition assemble(Inputs in, ProtocolWriter.Context context, List<RequirementContent> contents, List<Draft> drafts,
                                 List<String> reasons) {
        List<PlannedTest> tests = new ArrayList<>();
        Map<TestTheme, List<PlannedTest>> testsByTheme = new EnumMap<>(TestTheme.class);
        Map<String, List<String>> testsByRequirement = new LinkedHashMap<>();
        in.requirements().forEach(r -> testsByRequirement.put(r.getId(), new ArrayList<>()));
        Map<TestStage, Integer> numbers = new EnumMap<>(TestStage.class);
        for (TestStage stage : TestStage.values()) {
            for (Draft draft : drafts.stream().filter(d -> d.stage() == stage).toList()) {
                int number = numbers.merge(stage, 1, Integer::sum);
                String id = String.format(Locale.ROOT, "%s-%03d", stage.name(), number);
                PlannedTest test = draft.gap() == null ? test(in, context, id, draft) : gapTest(in, context, id, draft);
                tests.add(test);
                testsByTheme.computeIfAbsent(draft.theme(), t -> new ArrayList<>()).add(test);
                test.getRequirementIds().forEach(r -> testsByRequirement.get(r).add(id));
            }
        }
        List<TracedRequirement> rows = contents.stream().map(c -> {
            Requirement r = c.requirement();
            RequirementRisk risk = in.risks().get(r.getId());
            return TracedRequirement.newBuilder()
                .setId(r.getId())
                .setText(r.getText())
                .setSection(r.getSection())
                .setKind(r.getKind())
                .setClauses(in.clausesByRequirement().getOrDefault(r.getId(), List.of()))
                .setRiskLevel(risk == null ? null : risk.getRiskLevel())
                .setRpn(risk == null ? null : risk.getRpn())
                .setTestIds(testsByRequirement.get(r.getId()))
                .setTestability(c.testable() ? Testability.TESTABLE : Testability.CLARIFY)
                .setTestabilityReason(c.clarify().orElse(null))
                .setFailureMode(risk == null ? null : risk.getFailureMode())
                .setEffect(risk == null ? null : risk.getEffect())
                .setCause(risk == null ? null : risk.getCause())
                .build();
        }).toList();
        List<GapAction> actions = in.gaps().stream().map(gap -> GapPlanner.action(gap, GapPlanner.testedTheme(gap)
            .map(theme -> testsByTheme.getOrDefault(theme, List.of())).orElse(List.of()))).toList();
        List<CustomComponent> components = CustomComponents.find(contents.stream().filter(RequirementContent::testable)
            .map(RequirementContent::requirement).toList(), in.strategy().getCategory());
        components.forEach(c -> reasons.add(c.getRequirementId() + " is code inside the configured product: a Category 5 "
            + "component needing its own specification and code review"));
        return new Composition(rows, tests, actions, components, reasons);
    }

    /** A test of a control no requirement asks for but the regulation requires: the theme's challenges, scripted. */
    private PlannedTest gapTest(Inputs in, ProtocolWriter.Context context, String id, Draft draft) {
        ComplianceGap gap = draft.gap();
        ProtocolWriter.Protocol protocol = ProtocolWriter.write(context, draft.theme(), TestVariant.NEGATIVE, false, List.of(),
            TestStage.OQ, true);
        List<String> criteria = new ArrayList<>();
        criteria.add("The control " + gap.getReference() + " requires (" + gap.getTitle() + ") is in place, shown by every step");
        criteria.addAll(protocol.criteria());
        return PlannedTest.newBuilder()
            .setId(id)
            .setTitle("Gap test: " + gap.getTitle() + " (" + gap.getReference() + ")")
            .setType(draft.theme().testType() + " (compliance gap)")
            .setObjective("No requirement asks for " + gap.getReference() + ", which applies to this system; verify that the "
                + draft.theme().area() + " control it requires is in place")
            .setRequirementIds(List.of())
            .setClauses(List.of(gap.getReference()))
            .setAcceptanceCriteria(criteria)
            .setPriorityLevel(gap.getSeverityLevel())
            .setScripted(true)
            .setStage(TestStage.OQ)
            .setVariant(TestVariant.NEGATIVE)
            .setPrerequisites(protocol.prerequisites())
            .setTestData(protocol.testData())
            .setSteps(protocol.steps())
            .setCharter(null)
            .build();
    }

    private PlannedTest test(Inputs in, ProtocolWriter.Context context, String id, Draft draft) {
        List<RequirementContent> contents = draft.contents();
        List<Requirement> requirements = contents.stream().map(RequirementContent::requirement).toList();
        String ids = requirements.stream().map(Requirement::getId).collect(Collectors.joining(", "));
        RiskLevel priority = requirements.stream().map(r -> level(in, r)).max(Comparator.naturalOrder()).orElse(RiskLevel.MEDIUM);
        Requirement first = requirements.get(0);
        String type;
        String title;
        String objective;
        if (draft.stage() == TestStage.IQ) {
            type = "Installation verification";
            title = "Installation and vendor software verification: " + ids;
            objective = "Verify that the installed product, version and platform match the supplier's release and the approved "
                + "baseline, unmodified: " + requirements.stream().map(r -> shorten(r.getText(), 80)).collect(Collectors.joining("; "));
        } else if (draft.stage() == TestStage.PQ) {
            type = "Performance qualification";
            title = "Long-run target: " + ids + " " + shorten(first.getText(), 60);
            objective = "Show over routine use, by calculation and with supplier evidence, that " + ids + " is met ("
                + StageRule.reason(TestStage.PQ) + "): " + first.getText();
        } else {
            switch (draft.variant()) {
                case NEGATIVE -> {
                    type = draft.theme().testType() + " (negative)";
                    title = "Negative test of " + draft.theme().area() + ": " + ids;
                    objective = "Challenge the " + draft.theme().area() + " protections of " + ids + ": each attempt to get round "
                        + "them is refused or detected, and recorded";
                }
                case BOUNDARY -> {
                    Limit limit = contents.get(0).challengeableLimits().get(0);
                    type = draft.theme().testType() + " (boundary)";
                    title = "Boundary test: " + ids + " " + limit.quantity() + " " + limit.comparison();
                    objective = "Apply values at, just inside and just beyond the limit " + ids + " states (" + limit.comparison()
                        + ") and verify the system's response at each";
                }
                default -> {
                    String area = draft.combined() ? "combined functions" : draft.theme().area();
                    type = draft.combined() ? "Combined test of " + String.join(", ", contents.stream().map(c -> c.theme().area())
                        .distinct().toList()) : draft.theme().testType();
                    title = capitalise(area) + ": " + (requirements.size() == 1 ? ids + " " + shorten(first.getText(), 60) : ids);
                    objective = requirements.size() == 1
                        ? "Verify " + ids + ": " + withDetails(first)
                        : "Verify the " + area + " requirements " + ids + ": " + requirements.stream()
                            .map(r -> shorten(r.getText(), 80)).collect(Collectors.joining("; "));
                }
            }
        }
        boolean scripted = scripted(in, draft, priority);
        ProtocolWriter.Protocol protocol = ProtocolWriter.write(context, draft.theme(), draft.variant(), draft.combined(), contents,
            draft.stage(), scripted);
        List<String> criteria = new ArrayList<>(protocol.criteria());
        if (priority == RiskLevel.HIGH && scripted) {
            criteria.add("Objective evidence (screenshots, printouts or exported records) is attached to each step and reviewed by QA");
        }
        Set<String> clauses = new LinkedHashSet<>();
        requirements.forEach(r -> clauses.addAll(in.clausesByRequirement().getOrDefault(r.getId(), List.of())));
        return PlannedTest.newBuilder()
            .setId(id)
            .setTitle(title)
            .setType(type)
            .setObjective(objective)
            .setRequirementIds(requirements.stream().map(Requirement::getId).toList())
            .setClauses(clauses.stream().limit(MAX_CLAUSES_PER_TEST).toList())
            .setAcceptanceCriteria(List.copyOf(new LinkedHashSet<>(criteria)))
            .setPriorityLevel(priority)
            .setScripted(scripted)
            .setStage(draft.stage())
            .setVariant(draft.variant())
            .setPrerequisites(protocol.prerequisites())
            .setTestData(protocol.testData())
            .setSteps(protocol.steps())
            .setCharter(protocol.charter())
            .build();
    }

    /**
     * Scripted unless the test is a low-stakes positive OQ test: installation and long-run checks,
     * challenges, high risk, medium risk in a configured or custom system, severity 5, batch release,
     * stated limits (their values are the script) and the Part 11 controls are always scripted; the rest are charters, as FDA's CSA guidance suggests.
     */
    private static boolean scripted(Inputs in, Draft draft, RiskLevel priority) {
        if (draft.stage() != TestStage.OQ || draft.variant() != TestVariant.POSITIVE || draft.theme().isRegulatoryControl()) {
            return true;
        }
        boolean severe = draft.contents().stream().map(c -> in.risks().get(c.id()))
            .anyMatch(r -> r != null && r.getSeverity() >= SCRIPTED_SEVERITY);
        boolean release = draft.contents().stream().anyMatch(c -> RELEASE.matcher(withDetails(c.requirement())).find());
        boolean limited = draft.contents().stream().anyMatch(c -> !c.challengeableLimits().isEmpty());
        return severe || release || limited || priority == RiskLevel.HIGH || (priority == RiskLevel.MEDIUM && in.strategy().getCategory() >= 4);
    }

    private static String withDetails(Requirement requirement) {
        return requirement.getDetails().isEmpty() ? requirement.getText()
            : requirement.getText() + " " + String.join("; ", requirement.getDetails());
    }

    private static RiskLevel level(Inputs in, Requirement requirement) {
        RequirementRisk risk = in.risks().get(requirement.getId());
        return risk == null ? RiskLevel.MEDIUM : risk.getRiskLevel();
    }

    private static double weight(Inputs in, List<RequirementContent> contents) {
        return contents.stream().mapToDouble(c -> rank(level(in, c.requirement()))).sum();
    }

    private static int rank(RiskLevel level) {
        return level.ordinal() + 1;
    }

    private static String shorten(String text, int length) {
        return ProtocolWriter.shorten(text, length);
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
