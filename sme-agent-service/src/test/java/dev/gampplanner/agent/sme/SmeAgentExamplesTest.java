package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gampplanner.agent.sme.knowledge.ControlsFile.Control;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.agent.sme.knowledge.SmeKnowledge;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.ControlStatus;
import dev.gampplanner.schema.Recommendation;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskFactorHit;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.codec.AvroCodec;

/** Properties every assessment of every example URS must have. */
class SmeAgentExamplesTest {

    /** The controls whose appliesWhen is the signature wording below. */
    private static final Set<String> SIGNATURE_CONTROLS =
        Set.of("P11-11.10J", "P11-11.50", "P11-11.70", "P11-11.100", "P11-11.200", "P11-11.300", "A11-14");
    private static final List<String> SIGNATURE_WORDING =
        List.of("signature", "e-sign", "sign-off", "signoff", "approval", "approve", "batch release", "release decision");

    private static SmeAgent agent;
    private static SmeKnowledge knowledge;

    @BeforeAll
    static void load() {
        agent = SmeAgent.load();
        knowledge = SmeKnowledge.load();
    }

    static List<Examples.Example> examples() {
        return Examples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyRequirementGetsExactlyOneConsistentRisk(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        List<String> ids = UrsParser.parse(example.urs()).requirements().stream().map(UrsRequirement::id).toList();

        assertThat(ids).isNotEmpty();
        assertThat(assessment.getRisks()).extracting(RequirementRisk::getRequirementId).containsExactlyElementsOf(ids);
        for (RequirementRisk risk : assessment.getRisks()) {
            assertThat(List.of(risk.getSeverity(), risk.getOccurrence(), risk.getDetectability()))
                .as(risk.getRequirementId()).allSatisfy(value -> assertThat(value).isBetween(1, 5));
            assertThat(risk.getRpn()).as(risk.getRequirementId())
                .isEqualTo(risk.getSeverity() * risk.getOccurrence() * risk.getDetectability());
            assertThat(risk.getRiskLevel()).isEqualTo(expectedLevel(risk));
            assertThat(risk.getRationale()).startsWith("Severity " + risk.getSeverity() + ": ")
                .contains("; occurrence " + risk.getOccurrence() + ": ", "; detectability " + risk.getDetectability() + ": ",
                    "RPN " + risk.getSeverity() + "\u00d7" + risk.getOccurrence() + "\u00d7" + risk.getDetectability()
                        + " = " + risk.getRpn() + ": " + risk.getRiskLevel());
            for (RiskFactorHit hit : risk.getFactors()) {
                assertThat(hit.getDimension()).isIn("severity", "occurrence", "detectability");
                assertThat(hit.getLevel()).isBetween(1, 5);
                assertThat(hit.getTerm()).isNotBlank();
                assertThat(hit.getReason()).isNotBlank();
            }
        }
    }

    /** Severity is the highest level among the severity factors that fired, the baseline when none did. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void severityIsTheGreaterOfTheFailureEffectAndTheFiringFactors(Examples.Example example) throws Exception {
        for (RequirementRisk risk : agent.analyse(example.request()).getRisks()) {
            List<Integer> severities = risk.getFactors().stream().filter(h -> h.getDimension().equals("severity"))
                .map(RiskFactorHit::getLevel).toList();
            int effect = knowledge.failureModes().stream().filter(m -> m.failureMode().equals(risk.getFailureMode()))
                .mapToInt(m -> m.severity()).findFirst().orElse(knowledge.risk().baseline().severity());
            int factors = severities.isEmpty() ? knowledge.risk().baseline().severity() : Collections.max(severities);
            assertThat(risk.getSeverity()).as(risk.getRequirementId()).isEqualTo(Math.max(effect, factors));
            assertThat(risk.getRationale()).startsWith("Severity " + risk.getSeverity() + ": ");
            assertThat(risk.getFailureMode()).isNotBlank();
            assertThat(risk.getEffect()).isNotBlank();
            assertThat(risk.getCause()).isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyGapIsAnApplicableControlThatNoRequirementAddresses(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        Map<String, ControlStatus> statuses = assessment.getControls().stream()
            .collect(Collectors.toMap(ControlStatus::getControlId, Function.identity()));

        assertThat(assessment.getGaps()).extracting(ComplianceGap::getControlId)
            .containsExactlyInAnyOrderElementsOf(assessment.getControls().stream().filter(c -> !c.getAddressed())
                .map(ControlStatus::getControlId).toList());
        for (ComplianceGap gap : assessment.getGaps()) {
            ControlStatus status = statuses.get(gap.getControlId());
            assertThat(status.getAddressed()).isFalse();
            assertThat(status.getRequirementIds()).isEmpty();
            Control control = knowledge.control(gap.getControlId());
            assertThat(gap.getSeverityLevel()).isEqualTo(control.severity());
            assertThat(gap.getImpact()).isEqualTo(control.impact().strip());
            assertThat(gap.getRecommendation()).isEqualTo(control.recommendation().strip());
        }
        // The knowledge's substring rule, with white space runs read as one space as the agent reads them.
        String text = " " + example.urs().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ") + " ";
        for (ControlStatus status : assessment.getControls()) {
            assertThat(status.getAddressed()).isEqualTo(!status.getRequirementIds().isEmpty());
            Control control = knowledge.control(status.getControlId());
            assertThat(control.appliesWhen().isEmpty() || control.appliesWhen().stream().anyMatch(text::contains))
                .as(status.getControlId() + " applies").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void controlsAreListedByFrameworkThenIdAndGapsBySeverity(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());

        assertThat(assessment.getControls()).isSortedAccordingTo(
            Comparator.comparing((ControlStatus c) -> c.getControlFramework())
                .thenComparing(ControlStatus::getControlId, IdOrder.NATURAL));
        assertThat(assessment.getGaps()).isSortedAccordingTo(
            Comparator.comparing((ComplianceGap g) -> g.getSeverityLevel()).reversed()
                .thenComparing(g -> g.getControlFramework())
                .thenComparing(ComplianceGap::getControlId, IdOrder.NATURAL));
    }

    /** RequirementRisk.controls and ControlStatus.requirementIds are the same relation seen from both ends. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void requirementControlsMirrorTheControlStatuses(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        List<String> fromRequirements = new ArrayList<>();
        assessment.getRisks().forEach(r -> r.getControls().forEach(c -> fromRequirements.add(r.getRequirementId() + "->" + c)));
        List<String> fromControls = new ArrayList<>();
        assessment.getControls().forEach(c -> c.getRequirementIds().forEach(r -> fromControls.add(r + "->" + c.getControlId())));

        assertThat(fromRequirements).containsExactlyInAnyOrderElementsOf(fromControls);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void auditTrailRequirementsAddressTheAuditTrailControl(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        List<String> auditTrail = UrsParser.parse(example.urs()).requirements().stream()
            .filter(r -> r.fullText().toLowerCase(Locale.ROOT).contains("audit trail")).map(UrsRequirement::id).toList();
        ControlStatus control = assessment.getControls().stream().filter(c -> c.getControlId().equals("P11-11.10E"))
            .findFirst().orElseThrow();

        assertThat(control.getRequirementIds()).containsAll(auditTrail);
        assertThat(control.getAddressed()).isEqualTo(!control.getRequirementIds().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void signatureControlsApplyExactlyWhenTheUrsUsesSignatureWording(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        String text = example.urs().toLowerCase(Locale.ROOT);
        List<String> applicable = assessment.getControls().stream().map(ControlStatus::getControlId)
            .filter(SIGNATURE_CONTROLS::contains).toList();

        if (SIGNATURE_WORDING.stream().noneMatch(text::contains)) {
            assertThat(applicable).isEmpty();
            assertThat(assessment.getGaps()).extracting(ComplianceGap::getControlId).doesNotContainAnyElementsOf(SIGNATURE_CONTROLS);
        } else {
            assertThat(applicable).containsExactlyInAnyOrderElementsOf(SIGNATURE_CONTROLS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyRecommendationNamesRequirementsOfTheUrsOrAGap(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        Set<String> ids = assessment.getRisks().stream().map(RequirementRisk::getRequirementId).collect(Collectors.toSet());
        List<String> gapNames = assessment.getGaps().stream()
            .flatMap(g -> Stream.of(g.getControlId(), g.getReference())).toList();

        assertThat(assessment.getRecommendations()).isNotEmpty();
        List<Recommendation> recommendations = assessment.getRecommendations();
        for (int i = 0; i < recommendations.size(); i++) {
            Recommendation recommendation = recommendations.get(i);
            assertThat(recommendation.getId()).isEqualTo(String.format(Locale.ROOT, "REC-%02d", i + 1));
            assertThat(recommendation.getPriorityLevel()).isNotNull();
            assertThat(recommendation.getTitle()).isNotBlank();
            assertThat(ids).containsAll(recommendation.getRequirementIds());
            boolean namesRequirement = recommendation.getRequirementIds().stream().anyMatch(recommendation.getRationale()::contains);
            boolean namesGap = gapNames.stream().anyMatch(recommendation.getRationale()::contains);
            assertThat(namesRequirement || namesGap).as(recommendation.getId() + ": " + recommendation.getRationale()).isTrue();
        }
        assertThat(recommendations).isSortedAccordingTo(
            Comparator.comparing((Recommendation r) -> r.getPriorityLevel()).reversed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void summaryCountsTheLevelsAndGapsAndNamesTheRiskiestRequirement(Examples.Example example) throws Exception {
        SmeAssessment assessment = agent.analyse(example.request());
        long high = assessment.getRisks().stream().filter(r -> r.getRiskLevel() == RiskLevel.HIGH).count();
        long medium = assessment.getRisks().stream().filter(r -> r.getRiskLevel() == RiskLevel.MEDIUM).count();
        long low = assessment.getRisks().stream().filter(r -> r.getRiskLevel() == RiskLevel.LOW).count();
        RequirementRisk riskiest = assessment.getRisks().stream()
            .max(Comparator.comparingInt(RequirementRisk::getRpn)).orElseThrow();

        assertThat(assessment.getOverallRiskLevel()).isNotNull();
        assertThat(assessment.getSummary())
            .startsWith("Of " + assessment.getRisks().size() + " requirements, " + high + " ")
            .contains(medium + " MEDIUM and " + low + " LOW risk", "is " + assessment.getOverallRiskLevel() + ";",
                "(RPN " + riskiest.getRpn() + ")", "silent on " + assessment.getGaps().size() + " (");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theSameRequestGivesTheSameBytesOnThisAndOnAFreshAgent(Examples.Example example) throws Exception {
        byte[] first = AvroCodec.encode(agent.analyse(example.request()));
        byte[] again = AvroCodec.encode(agent.analyse(example.request()));
        byte[] fresh = AvroCodec.encode(SmeAgent.load().analyse(example.request()));

        assertThat(again).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
    }

    private static RiskLevel expectedLevel(RequirementRisk risk) {
        if (risk.getRpn() >= 40 || (risk.getSeverity() == 5 && risk.getOccurrence() >= 3)) {
            return RiskLevel.HIGH;
        }
        return risk.getRpn() >= 16 ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }
}
