package dev.gampplanner.agent.sme;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;


import dev.gampplanner.agent.sme.ComplianceChecker.Compliance;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.agent.sme.knowledge.SmeKnowledge;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.agent.CheckedRequest;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.ControlStatus;
import dev.gampplanner.schema.Recommendation;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.SmeAssessment;

/**
 * The subject-matter expert: rates each requirement of the URS for risk (ICH Q9(R1), FMEA style),
 * checks the URS against 21 CFR Part 11, EU GMP Annex 11 and ALCOA+ controls, and recommends what
 * to add to the URS and where to focus qualification testing.
 *
 * <p>A pure function of (request, knowledge-base version): there is no clock, randomness or
 * floating point, and every list has an explicit order (requirements in URS order, controls by
 * framework then id, gaps by severity, recommendations by priority), so re-running a recorded
 * request gives the same bytes. One instance serves all worker threads; nothing it holds changes
 * after {@link #load()}.
 */
public final class SmeAgent implements Agent {

    public static final String VERSION = "sme-agent-0.1.0";

    private final SmeKnowledge knowledge;
    private final RiskScorer scorer;
    private final ComplianceChecker checker;
    private final Recommender recommender;

    SmeAgent(SmeKnowledge knowledge) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.scorer = new RiskScorer(knowledge.risk(), new FailureModes(knowledge.failureModes(),
            knowledge.risk().baseline().severity()));
        this.checker = new ComplianceChecker(knowledge.controls());
        this.recommender = new Recommender(knowledge);
    }

    /** Loads and checks the knowledge; called once at service start. */
    public static SmeAgent load() {
        return new SmeAgent(AgentIdentity.loadKnowledge(AgentKind.SME, SmeKnowledge::load, SmeKnowledge::version,
            knowledge -> knowledge.risk().factors().size() + " risk factors, " + knowledge.risk().categoryAdjustments().size()
                + " category adjustments, " + knowledge.controls().size() + " controls"));
    }

    @Override
    public AgentIdentity identity() {
        return new AgentIdentity(AgentKind.SME, VERSION, knowledge.version());
    }

    @Override
    public SmeAssessment analyse(AgentRequest request) throws AgentException {
        CheckedRequest checked = CheckedRequest.of(request);
        GampCategory category = checked.category();
        UrsDocument urs = checked.urs();
        List<UrsRequirement> requirements = checked.requirements("rate for risk");

        List<ScoredRequirement> risks = new ArrayList<>(requirements.size());
        SystemKind kind = SystemKind.of(urs.title(), urs.systemType().orElse(null));
        for (int i = 0; i < requirements.size(); i++) {
            risks.add(scorer.score(requirements.get(i), i, category, kind));
        }
        Compliance compliance = checker.check(urs);
        List<ControlCheck> gaps = compliance.gaps();
        List<Recommendation> recommendations = recommender.recommend(category, risks, compliance);
        RiskLevel overall = Overview.overallRisk(risks, knowledge.risk().scoring());

        return SmeAssessment.newBuilder()
            .setRisks(risks.stream().map(r -> risk(r, compliance)).toList())
            .setControls(compliance.applicable().stream().map(SmeAgent::status).toList())
            .setGaps(gaps.stream().map(SmeAgent::gap).toList())
            .setRecommendations(recommendations)
            .setOverallRiskLevel(overall)
            .setSummary(Overview.summary(category, risks, overall, compliance.applicable(), gaps, recommendations.size()))
            .build();
    }

    private static RequirementRisk risk(ScoredRequirement risk, Compliance compliance) {
        return RequirementRisk.newBuilder()
            .setRequirementId(risk.id())
            .setSeverity(risk.severity())
            .setOccurrence(risk.occurrence())
            .setDetectability(risk.detectability())
            .setRpn(risk.rpn())
            .setRiskLevel(risk.level())
            .setFactors(risk.factors())
            .setRationale(risk.rationale())
            .setControls(compliance.controlsTouchedBy(risk.id()))
            .setFailureMode(risk.mode().failureMode())
            .setEffect(risk.mode().effect())
            .setCause(risk.mode().cause())
            .build();
    }

    private static ControlStatus status(ControlCheck check) {
        return ControlStatus.newBuilder()
            .setControlId(check.id())
            .setControlFramework(check.control().framework())
            .setReference(check.control().reference())
            .setTitle(check.control().title())
            .setAddressed(check.addressed())
            .setRequirementIds(check.addressedBy())
            .build();
    }

    private static ComplianceGap gap(ControlCheck check) {
        return ComplianceGap.newBuilder()
            .setControlId(check.id())
            .setControlFramework(check.control().framework())
            .setReference(check.control().reference())
            .setTitle(check.control().title())
            .setSeverityLevel(check.control().severity())
            .setImpact(check.control().impact().strip())
            .setRecommendation(check.control().recommendation().strip())
            .setScope(check.control().gapScope())
            .setOwnerRole(check.control().ownerRole())
            .build();
    }
}
