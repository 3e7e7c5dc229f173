package dev.gampplanner.planner.testplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStep;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.TracedRequirement;

class TestPlanComposerTest {

    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();
    private static final TestPlanComposer COMPOSER = new TestPlanComposer();

    static Stream<Arguments> examplesByCategory() throws IOException {
        return Files.list(Path.of("..", "examples", "urs")).filter(p -> p.getFileName().toString().matches("URS-\\d+\\.md")).sorted()
            .flatMap(p -> Stream.of(GampCategory.values()).map(c -> Arguments.of(p, c)));
    }

    private static List<Requirement> requirements(Path file) throws IOException {
        return UrsParser.parse(Files.readString(file)).requirements().stream()
            .map(r -> new Requirement(r.id(), r.text(), r.section(), r.kind().label(), r.details(), r.line())).toList();
    }

    private static Map<String, RequirementRisk> risks(List<Requirement> requirements, Function<Integer, RiskLevel> level) {
        return IntStream.range(0, requirements.size()).boxed().collect(Collectors.toMap(i -> requirements.get(i).getId(),
            i -> RequirementRisk.newBuilder().setRequirementId(requirements.get(i).getId()).setSeverity(3).setOccurrence(3)
                .setDetectability(3).setRpn(27).setRiskLevel(level.apply(i)).setFactors(List.of()).setRationale("r")
                .setControls(List.of()).build()));
    }

    @ParameterizedTest
    @MethodSource("examplesByCategory")
    void coversEveryRequirementWithinTheStrategysRangeAndFollowsTheRisk(Path file, GampCategory category) throws IOException {
        List<Requirement> requirements = requirements(file);
        TestStrategy strategy = KNOWLEDGE.strategies().forCategory(category);
        int low = compose(requirements, strategy, risks(requirements, i -> RiskLevel.LOW), true).tests().size();
        int high = compose(requirements, strategy, risks(requirements, i -> RiskLevel.HIGH), true).tests().size();
        TestPlanComposer.Composition unknown = compose(requirements, strategy, Map.of(), false);
        assertThat(low).isLessThanOrEqualTo(high);
        assertThat(unknown.reviewReasons()).anyMatch(r -> r.contains("not risk-adjusted"));
        for (TestPlanComposer.Composition plan : List.of(
                compose(requirements, strategy, risks(requirements, i -> i % 3 == 0 ? RiskLevel.HIGH : i % 3 == 1 ? RiskLevel.MEDIUM : RiskLevel.LOW), true),
                unknown)) {
            List<PlannedTest> tests = plan.tests();
            List<PlannedTest> oq = tests.stream().filter(t -> t.getStage() == TestStage.OQ).toList();
            boolean capped = plan.reviewReasons().stream().anyMatch(r -> r.contains("fewer than the strategy's target"));
            if (!capped) {
                assertThat(oq.size()).isBetween(strategy.getOqTestsMin(), strategy.getOqTestsMax());
            }
            for (TestStage stage : TestStage.values()) {
                List<PlannedTest> inStage = tests.stream().filter(t -> t.getStage() == stage).toList();
                assertThat(inStage).extracting(PlannedTest::getId).containsExactlyElementsOf(IntStream.rangeClosed(1, inStage.size())
                    .mapToObj(i -> String.format("%s-%03d", stage, i)).toList());
            }
            Set<String> ids = requirements.stream().map(Requirement::getId).collect(Collectors.toSet());
            Set<String> covered = new HashSet<>();
            tests.forEach(t -> {
                assertThat(ids).containsAll(t.getRequirementIds());
                assertThat(t.getAcceptanceCriteria()).isNotEmpty();
                assertThat(t.getPrerequisites()).isNotEmpty();
                assertThat(t.getTestData()).isNotEmpty();
                if (t.getScripted()) {
                    assertThat(t.getSteps()).as(t.getId()).hasSizeGreaterThanOrEqualTo(3)
                        .allSatisfy(step -> assertThat(step.getExpectedResult()).isNotBlank());
                    assertThat(t.getSteps()).extracting(TestStep::getNumber)
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, t.getSteps().size()).boxed().toList());
                } else {
                    assertThat(t.getCharter()).as(t.getId()).isNotNull();
                    assertThat(t.getCharter().getTimeboxMinutes()).isPositive();
                }
                covered.addAll(t.getRequirementIds());
            });
            assertThat(plan.requirements()).extracting(TracedRequirement::getId).containsExactlyElementsOf(
                requirements.stream().map(Requirement::getId).toList());
            for (TracedRequirement row : plan.requirements()) {
                if (row.getTestability() == Testability.TESTABLE) {
                    assertThat(covered).as(row.getId()).contains(row.getId());
                    assertThat(row.getTestIds()).isNotEmpty();
                } else {
                    assertThat(row.getTestabilityReason()).as(row.getId()).isNotBlank();
                }
            }
        }
    }

    @Test
    void namesTheMeasurableLimitOfARequirementInItsCriteria() throws IOException {
        List<Requirement> requirements = requirements(Path.of("..", "examples", "urs", "URS-001.md"));
        TestPlanComposer.Composition plan = compose(requirements, KNOWLEDGE.strategies().forCategory(GampCategory.NON_CONFIGURED),
            risks(requirements, i -> RiskLevel.MEDIUM), true);
        assertThat(plan.tests()).flatExtracting(PlannedTest::getAcceptanceCriteria)
            .anyMatch(c -> c.contains("URS-EMS-002") && c.contains("5 minutes"));
    }

    @Test
    void anEmptyRequirementListPlansNothingAndSaysWhy() {
        TestPlanComposer.Composition plan = compose(List.of(), KNOWLEDGE.strategies().forCategory(GampCategory.CUSTOM), Map.of(), false);
        assertThat(plan.tests()).isEmpty();
        assertThat(plan.reviewReasons()).anyMatch(r -> r.contains("no requirement"));
    }

    private static TestPlanComposer.Composition compose(List<Requirement> requirements, TestStrategy strategy,
                                                        Map<String, RequirementRisk> risks, boolean known) {
        return COMPOSER.compose(new TestPlanComposer.Inputs(requirements, strategy, Map.of(), risks, known, "the system",
            SystemKind.GENERIC, List.of()));
    }
}
