package dev.gampplanner.planner.testplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.ControlFramework;
import dev.gampplanner.schema.GapScope;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStep;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.TracedRequirement;

/** What a reviewer reads in the tests of the reviewed example plans. */
class ProtocolContentTest {

    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    private static TestPlanComposer.Composition plan(String example, GampCategory category, List<ComplianceGap> gaps)
            throws IOException {
        UrsDocument urs = UrsParser.parse(Files.readString(Path.of("..", "examples", "urs", example + ".md")));
        List<Requirement> requirements = urs.requirements().stream()
            .map(r -> new Requirement(r.id(), r.text(), r.section(), r.kind().label(), r.details(), r.line())).toList();
        return new TestPlanComposer().compose(new TestPlanComposer.Inputs(requirements, KNOWLEDGE.strategies().forCategory(category),
            Map.of(), Map.of(), false, urs.title(), SystemKind.of(urs.title(), urs.systemType().orElse(null)), gaps));
    }

    private static List<PlannedTest> testsOf(TestPlanComposer.Composition plan, String requirement) {
        return plan.tests().stream().filter(t -> t.getRequirementIds().contains(requirement)).toList();
    }

    private static String actions(List<PlannedTest> tests) {
        return tests.stream().flatMap(t -> t.getSteps().stream()).map(TestStep::getAction).collect(Collectors.joining("\n"));
    }

    private static TracedRequirement row(TestPlanComposer.Composition plan, String id) {
        return plan.requirements().stream().filter(r -> r.getId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theMonitoringPlanPlacesEachRequirementInItsStageAndAppliesTheAlarmLimitsValues() throws IOException {
        TestPlanComposer.Composition ems = plan("URS-001", GampCategory.NON_CONFIGURED, List.of());
        assertThat(testsOf(ems, "URS-EMS-003")).extracting(PlannedTest::getStage).containsOnly(TestStage.IQ);
        for (String longRun : List.of("URS-EMS-010", "URS-EMS-012", "URS-EMS-013")) {
            assertThat(testsOf(ems, longRun)).extracting(PlannedTest::getStage).as(longRun).containsOnly(TestStage.PQ);
        }
        List<PlannedTest> alarm = testsOf(ems, "URS-EMS-005");
        assertThat(alarm).allSatisfy(t -> assertThat(t.getScripted()).isTrue());
        assertThat(actions(alarm)).contains("+1.9 °C", "+2.0 °C", "+2.1 °C");
        assertThat(alarm.get(0).getPrerequisites()).anyMatch(p -> p.contains("simulator"));
    }

    @Test
    void aNegativeAuditTrailTestTriesToEditDeleteAndDisableTheTrailAndToChangeTheClock() throws IOException {
        TestPlanComposer.Composition mes = plan("URS-003", GampCategory.CUSTOM, List.of());
        PlannedTest negative = mes.tests().stream().filter(t -> t.getType().equals("Audit trail and data integrity test (negative)"))
            .findFirst().orElseThrow();
        assertThat(actions(List.of(negative))).contains("change its content", "delete an audit trail entry", "disable the audit trail",
            "Change the clock");
        PlannedTest signature = mes.tests().stream().filter(t -> t.getType().equals("Electronic signature test (negative)"))
            .findFirst().orElseThrow();
        assertThat(actions(List.of(signature))).contains("wrong password", "without the signing privilege");
        assertThat(signature.getSteps()).anyMatch(s -> s.getExpectedResult().contains("meaning of the signature")
            && s.getExpectedResult().contains("11.50"));
        assertThat(mes.tests()).allSatisfy(t -> assertThat(t.getAcceptanceCriteria())
            .noneMatch(c -> c.contains("Invalid input is refused with a clear message")));
    }

    @Test
    void boundaryTestsAreOnlyPlannedWhereARequirementStatesALimit() throws IOException {
        TestPlanComposer.Composition mes = plan("URS-003", GampCategory.CUSTOM, List.of());
        List<PlannedTest> boundary = mes.tests().stream().filter(t -> t.getType().endsWith("(boundary)")).toList();
        assertThat(boundary).isNotEmpty().allSatisfy(t -> assertThat(LimitReader.read(mes.requirements().stream()
            .filter(r -> r.getId().equals(t.getRequirementIds().get(0))).findFirst().orElseThrow().getText())).isNotEmpty());
        assertThat(testsOf(mes, "URS-MES-001")).noneMatch(t -> t.getType().endsWith("(boundary)"));
    }

    @Test
    void untestableRequirementsAreClarifiedWithAReasonAndGetNoCriterion() throws IOException {
        TestPlanComposer.Composition cds = plan("URS-004", GampCategory.CONFIGURED, List.of());
        for (String vague : List.of("URS-CDS-009", "URS-CDS-010", "URS-CDS-011")) {
            TracedRequirement row = row(cds, vague);
            assertThat(row.getTestability()).as(vague).isEqualTo(Testability.CLARIFY);
            assertThat(row.getTestabilityReason()).isNotBlank();
            assertThat(row.getTestIds()).isEmpty();
        }
        assertThat(row(cds, "URS-CDS-009").getTestabilityReason()).contains("question open");
        assertThat(cds.tests()).flatExtracting(PlannedTest::getAcceptanceCriteria).noneMatch(c -> c.contains("Note: unclear"));
    }

    @Test
    void peakIntegrationInAChromatographySystemIsProcessingNotAnInterface() throws IOException {
        TestPlanComposer.Composition cds = plan("URS-004", GampCategory.CONFIGURED, List.of());
        assertThat(testsOf(cds, "URS-CDS-006")).extracting(PlannedTest::getType).contains("Chromatographic processing test")
            .noneMatch(type -> type.startsWith("Interface"));
    }

    @Test
    void scriptedCodeInAConfiguredProductIsACategory5ComponentAndAReportDesignerIsNot() throws IOException {
        assertThat(plan("URS-002", GampCategory.CONFIGURED, List.of()).components()).extracting(c -> c.getRequirementId())
            .containsExactly("URS-LIMS-006");
        assertThat(plan("URS-004", GampCategory.CONFIGURED, List.of()).components()).extracting(c -> c.getRequirementId())
            .contains("URS-CDS-007").doesNotContain("URS-CDS-005");
    }

    @Test
    void aHighGapTheSystemMustCloseIsTestedAndAProceduralOneIsAnOwnedOpenItem() throws IOException {
        ComplianceGap access = gap("P11-11.10D", "21 CFR 11.10(d)", "System access limited to authorized individuals",
            "Require unique user accounts", GapScope.URS, "System owner");
        ComplianceGap sop = gap("P11-11.10I", "21 CFR 11.10(i)", "Training", "Train users", GapScope.PROCEDURAL, "Training coordinator");
        TestPlanComposer.Composition ems = plan("URS-001", GampCategory.NON_CONFIGURED, List.of(access, sop));
        PlannedTest gapTest = ems.tests().stream().filter(t -> t.getTitle().startsWith("Gap test")).findFirst().orElseThrow();
        assertThat(actions(List.of(gapTest))).contains("lockout", "administrator function");
        assertThat(ems.gapActions()).anySatisfy(a -> {
            assertThat(a.getControlId()).isEqualTo("P11-11.10D");
            assertThat(a.getTestIds()).containsExactly(gapTest.getId());
        });
        assertThat(ems.gapActions()).anySatisfy(a -> {
            assertThat(a.getControlId()).isEqualTo("P11-11.10I");
            assertThat(a.getTestIds()).isEmpty();
            assertThat(a.getAction()).startsWith("Open item");
            assertThat(a.getOwnerRole()).isEqualTo("Training coordinator");
        });
    }

    private static ComplianceGap gap(String id, String reference, String title, String recommendation, GapScope scope, String owner) {
        return ComplianceGap.newBuilder().setControlId(id).setControlFramework(ControlFramework.PART_11).setReference(reference)
            .setTitle(title).setSeverityLevel(RiskLevel.HIGH).setImpact("impact").setRecommendation(recommendation).setScope(scope)
            .setOwnerRole(owner).build();
    }
}
