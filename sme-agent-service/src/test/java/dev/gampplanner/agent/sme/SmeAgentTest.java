package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.ControlStatus;
import dev.gampplanner.schema.Recommendation;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskFactorHit;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.codec.AvroCodec;

class SmeAgentTest {

    private static final List<String> CATEGORY_5 = List.of("URS-003", "URS-014", "URS-015", "URS-016", "URS-017", "URS-025");
    private static final List<String> CATEGORY_3 = List.of("URS-001", "URS-006", "URS-007", "URS-008", "URS-009", "URS-020", "URS-021");

    private static SmeAgent agent;

    @BeforeAll
    static void load() {
        agent = SmeAgent.load();
    }

    @Test
    void identifiesItselfAndItsKnowledge() {
        assertThat(agent.kind()).isEqualTo(AgentKind.SME);
        assertThat(agent.identity().version()).isEqualTo(SmeAgent.VERSION);
        assertThat(agent.identity().knowledgeBaseVersion()).matches("sme-kb-2026\\.11\\+[0-9a-f]{12}");
    }

    @Test
    void customApplicationsAreRatedMoreLikelyToFailThanVendorStandardProducts() throws Exception {
        double custom = meanOccurrence(CATEGORY_5);
        double standard = meanOccurrence(CATEGORY_3);

        assertThat(custom).isGreaterThan(standard + 1.0);
        for (String id : CATEGORY_5) {
            assertThat(meanOccurrence(List.of(id))).as(id).isGreaterThan(standard);
        }
    }

    @Test
    void category5StartsRequirementsWithoutAnOccurrenceFactorAt3AndSaysSo() throws Exception {
        // "Temperature readings shall be recorded at intervals not exceeding 5 minutes." has no occurrence factor.
        String urs = Examples.example("URS-001").urs();

        RequirementRisk asCustom = risk(analyse(urs, 5), "URS-EMS-002");
        RequirementRisk asConfigured = risk(analyse(urs, 4), "URS-EMS-002");

        assertThat(asConfigured.getOccurrence()).isEqualTo(2);
        assertThat(asConfigured.getFactors()).extracting(RiskFactorHit::getFactorId).doesNotContain("category-5-custom-baseline");
        assertThat(asCustom.getOccurrence()).isEqualTo(3);
        assertThat(asCustom.getFactors()).filteredOn(hit -> hit.getFactorId().equals("category-5-custom-baseline"))
            .singleElement()
            .satisfies(hit -> {
                assertThat(hit.getDimension()).isEqualTo("occurrence");
                assertThat(hit.getLevel()).isEqualTo(3);
                assertThat(hit.getTerm()).isEqualTo("GAMP Category 5");
            });
        assertThat(asCustom.getRationale()).contains("occurrence 3: no occurrence factor raised it, and GAMP Category 5");
    }

    @Test
    void category3CapsVendorStandardFunctionsAt3ButNotCustomCode() throws Exception {
        // "Interface with existing ERP system using vendor's standard connectors." fires the interface factor (4).
        String urs = Examples.example("URS-006").urs();

        RequirementRisk asStandard = risk(analyse(urs, 3), "URS-INV-020");
        RequirementRisk asConfigured = risk(analyse(urs, 4), "URS-INV-020");

        assertThat(asConfigured.getOccurrence()).isEqualTo(4);
        assertThat(asStandard.getOccurrence()).isEqualTo(3);
        assertThat(asStandard.getFactors()).extracting(RiskFactorHit::getFactorId)
            .contains("interfaces-integration", "category-3-vendor-standard-cap");
        assertThat(asStandard.getRationale()).contains("occurrence 3: capped by GAMP Category 3", "raised to 4 by interfaces integration");

        String custom = "# URS-900: Test\n\n## 2. Functional Requirements\n"
            + "- **URS-T-001**: Develop custom interface to the ERP system for batch data.\n";
        RequirementRisk customCode = risk(analyse(custom, 3), "URS-T-001");
        assertThat(customCode.getOccurrence()).isEqualTo(5);
        assertThat(customCode.getFactors()).extracting(RiskFactorHit::getFactorId).doesNotContain("category-3-vendor-standard-cap");
    }

    @Test
    void reviewCapsTheDetectabilityOfAnOpaqueFunctionAndTheRationaleNamesBoth() throws Exception {
        String urs = "# URS-901: Test\n\n## 2. Functional Requirements\n"
            + "- **URS-T-001**: The decision engine shall propose a batch disposition.\n"
            + "- **URS-T-002**: The decision engine shall propose a batch disposition for QA review and approval.\n";
        SmeAssessment assessment = analyse(urs, 5);

        RequirementRisk unchecked = risk(assessment, "URS-T-001");
        RequirementRisk reviewed = risk(assessment, "URS-T-002");
        assertThat(unchecked.getDetectability()).isEqualTo(5);
        assertThat(reviewed.getDetectability()).isEqualTo(2);
        assertThat(reviewed.getFactors()).extracting(RiskFactorHit::getFactorId).contains("automated-decision", "human-review");
        assertThat(reviewed.getRationale()).contains("detectability 2: capped by human review (\"review\")",
            "raised to 5 by automated decision (\"decision engine\")");
    }

    @Test
    void aFieldNameDoesNotRaiseSeverityAndTheControlUnderTestDoesNotLowerDetectability() throws Exception {
        SmeAssessment lims = agent.analyse(Examples.example("URS-002").request());
        assertThat(risk(lims, "URS-LIMS-004").getFactors()).extracting(RiskFactorHit::getFactorId).doesNotContain("process-control");
        SmeAssessment ems = agent.analyse(Examples.example("URS-001").request());
        RequirementRisk auditTrail = risk(ems, "URS-EMS-008");
        assertThat(auditTrail.getFailureMode()).contains("audit trail");
        assertThat(auditTrail.getRationale()).doesNotContain("audit trailed");
        assertThat(risk(ems, "URS-EMS-005").getRationale()).doesNotContain("alarmed alerted");
        SmeAssessment cds = agent.analyse(Examples.example("URS-004").request());
        assertThat(risk(cds, "URS-CDS-006").getFactors()).extracting(RiskFactorHit::getFactorId)
            .doesNotContain("interfaces-integration", "data-transfer-transformation");
    }

    @Test
    void aReleaseDecisionEngineIsRatedAtTheTopOfEveryScale() throws Exception {
        RequirementRisk engine = risk(agent.analyse(Examples.example("URS-014").request()), "URS-BRS-001");

        assertThat(engine.getSeverity()).isEqualTo(5);
        assertThat(engine.getOccurrence()).isEqualTo(5);
        assertThat(engine.getDetectability()).isEqualTo(5);
        assertThat(engine.getRpn()).isEqualTo(125);
        assertThat(engine.getRiskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(engine.getFailureMode()).contains("release or disposition decision");
        assertThat(engine.getEffect()).contains("patient safety");
        assertThat(engine.getCause()).isNotBlank();
        assertThat(engine.getFactors()).contains(RiskFactorHit.newBuilder()
            .setFactorId("release-or-quality-decision").setDimension("severity").setLevel(5).setTerm("batch release")
            .setReason("The function drives batch release, disposition or product quality status, so a failure could release "
                + "or use non-conforming product.")
            .build());
        assertThat(engine.getRationale())
            .startsWith("Severity 5: effect \"non-conforming product reaches patients")
            .contains("release or quality decision (\"batch release\"); occurrence 5: custom development","proprietary algorithm (\"proprietary\")", "detectability 5:", "automated decision (\"decision engine\")")
            .endsWith("RPN 5\u00d75\u00d75 = 125: HIGH (RPN \u2265 40).");
    }

    @Test
    void severity5WithLikelyDefectsIsHighEvenWhenDetectable() throws Exception {
        String urs = "# URS-902: Test\n\n## 2. Functional Requirements\n"
            + "- **URS-T-001**: Configure the dosing calculation parameters.\n";
        RequirementRisk dosing = risk(analyse(urs, 4), "URS-T-001");

        assertThat(dosing.getSeverity()).isEqualTo(5);
        assertThat(dosing.getOccurrence()).isEqualTo(4);
        assertThat(dosing.getRiskLevel()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void anAuditTrailRequirementAddressesPart11AuditTrails() throws Exception {
        SmeAssessment assessment = agent.analyse(Examples.example("URS-001").request());

        assertThat(status(assessment, "P11-11.10E").getAddressed()).isTrue();
        assertThat(status(assessment, "P11-11.10E").getRequirementIds()).containsExactly("URS-EMS-008");
        assertThat(risk(assessment, "URS-EMS-008").getControls()).contains("P11-11.10E", "A11-9");
        assertThat(assessment.getGaps()).extracting(ComplianceGap::getControlId).doesNotContain("P11-11.10E");
    }

    @Test
    void theElectronicSignatureRequirementTouchesSignatureControls() throws Exception {
        SmeAssessment assessment = agent.analyse(Examples.example("URS-001").request());

        assertThat(risk(assessment, "URS-EMS-009").getControls()).contains("A11-14");
        assertThat(status(assessment, "A11-14").getRequirementIds()).contains("URS-EMS-009");
        // Signature wording brings the remaining signature controls into scope, and the URS is silent on them.
        assertThat(assessment.getGaps()).extracting(ComplianceGap::getControlId).contains("P11-11.70", "P11-11.200");
    }

    @Test
    void aUrsWithoutSignatureWordingHasNoSignatureControlsOrGaps() throws Exception {
        String urs = "# URS-903: Balance Data Capture\n\n## 2. Functional Requirements\n"
            + "- **URS-T-001**: The system shall capture weights from the balance with an audit trail.\n"
            + "- **URS-T-002**: Users shall log in with unique user accounts and role-based permissions.\n";
        String signed = urs + "- **URS-T-003**: QA shall approve each weighing record.\n";

        SmeAssessment unsigned = analyse(urs, 3);
        SmeAssessment withApproval = analyse(signed, 3);

        assertThat(unsigned.getControls()).extracting(ControlStatus::getControlId).doesNotContain("A11-14", "P11-11.70", "P11-11.50");
        assertThat(unsigned.getGaps()).extracting(ComplianceGap::getControlId).doesNotContain("A11-14", "P11-11.70", "P11-11.50");
        assertThat(withApproval.getGaps()).extracting(ComplianceGap::getControlId).contains("A11-14", "P11-11.70", "P11-11.50");
        assertThat(recommendation(withApproval, "Add a requirement for signature/record linking (21 CFR 11.70)").getRequirementIds())
            .containsExactly("URS-T-003");
    }

    @Test
    void recommendationsNameTheHighRiskCustomAndInterfaceRequirements() throws Exception {
        SmeAssessment assessment = agent.analyse(Examples.example("URS-025").request());
        Map<String, RequirementRisk> risks = assessment.getRisks().stream()
            .collect(Collectors.toMap(RequirementRisk::getRequirementId, Function.identity()));

        Recommendation high = recommendation(assessment, "Script OQ tests with objective evidence for the high-risk requirements");
        assertThat(high.getPriorityLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(high.getRequirementIds()).isNotEmpty().allSatisfy(id -> assertThat(risks.get(id).getRiskLevel()).isEqualTo(RiskLevel.HIGH));
        assertThat(high.getRationale()).startsWith("URS-025-002 (RPN 125)");

        Recommendation custom = recommendation(assessment, "Verify custom and proprietary logic independently");
        assertThat(custom.getRequirementIds()).contains("URS-025-002")
            .allSatisfy(id -> assertThat(risks.get(id).getOccurrence()).isEqualTo(5));
        assertThat(custom.getRationale()).startsWith("In this GAMP Category 5 system URS-025-002 (proprietary algorithm)");

        Recommendation interfaces = recommendation(assessment, "Verify data transfer across interfaces");
        assertThat(interfaces.getRequirementIds()).contains("URS-025-001", "URS-025-013");
    }

    @Test
    void customLogicInAStandardProductAsksToConfirmTheCategory() throws Exception {
        SmeAssessment assessment = agent.analyse(Examples.example("URS-002").request());

        Recommendation custom = recommendation(assessment, "Verify custom and proprietary logic independently");
        assertThat(custom.getRequirementIds()).containsExactly("URS-LIMS-006");
        assertThat(custom.getRationale()).contains("although the system is handled as GAMP Category 4", "confirm the category");
    }

    @Test
    void concurrentAnalysesGiveTheSameBytesAsSequentialOnes() throws Exception {
        List<Examples.Example> examples = Examples.all();
        List<byte[]> sequential = examples.stream().map(e -> encode(e)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<byte[]>> tasks = examples.stream().<Callable<byte[]>>map(e -> () -> encode(e)).toList();
            List<Future<byte[]>> results = pool.invokeAll(tasks);
            for (int i = 0; i < examples.size(); i++) {
                assertThat(results.get(i).get()).as(examples.get(i).id()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUrsWithoutRequirementsIsAPermanentFailure() {
        AgentException failure = catchThrowableOfType(AgentException.class,
            () -> analyse("# A system\n\nThis document describes a system in prose only.\n", 4));

        assertThat(failure.code()).isEqualTo(AgentErrorCode.NO_REQUIREMENTS);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void aCategoryGamp5DoesNotDefineIsAPermanentFailure() {
        AgentException failure = catchThrowableOfType(AgentException.class,
            () -> analyse(Examples.example("URS-001").urs(), 2));

        assertThat(failure.code()).isEqualTo(AgentErrorCode.INVALID_CATEGORY);
        assertThat(failure.retryable()).isFalse();
    }

    private static double meanOccurrence(List<String> exampleIds) throws AgentException {
        long sum = 0;
        long count = 0;
        for (String id : exampleIds) {
            Examples.Example example = Examples.example(id);
            for (RequirementRisk risk : agent.analyse(example.request()).getRisks()) {
                sum += risk.getOccurrence();
                count++;
            }
        }
        return (double) sum / count;
    }

    private static byte[] encode(Examples.Example example) {
        try {
            return AvroCodec.encode(agent.analyse(example.request()));
        } catch (AgentException e) {
            throw new AssertionError(example.id() + " failed: " + e.getMessage(), e);
        }
    }

    private static SmeAssessment analyse(String urs, int category) throws AgentException {
        return agent.analyse(Examples.request("test.md", urs, category));
    }

    private static RequirementRisk risk(SmeAssessment assessment, String requirementId) {
        return assessment.getRisks().stream().filter(r -> r.getRequirementId().equals(requirementId)).findFirst().orElseThrow();
    }

    private static ControlStatus status(SmeAssessment assessment, String controlId) {
        return assessment.getControls().stream().filter(c -> c.getControlId().equals(controlId)).findFirst().orElseThrow();
    }

    private static Recommendation recommendation(SmeAssessment assessment, String title) {
        return assessment.getRecommendations().stream().filter(r -> r.getTitle().equals(title)).findFirst()
            .orElseThrow(() -> new AssertionError("no recommendation '" + title + "' among "
                + assessment.getRecommendations().stream().map(Recommendation::getTitle).toList()));
    }
}
