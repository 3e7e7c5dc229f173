package dev.gampplanner.planner.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.planner.testplan.TestPlanComposer;
import dev.gampplanner.runtime.kafka.RecordSizeLimit;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementClauses;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.HeldResult;

/**
 * Builds the MergedPlan from what the aggregator holds. A pure function of its inputs (records and
 * their timestamps), so replaying the topics rebuilds every plan byte for byte.
 */
public class PlanAssembler {

    private final String plannerVersion;
    private final TestPlanComposer composer = new TestPlanComposer();

    public PlanAssembler(String plannerVersion) {
        this.plannerVersion = plannerVersion;
    }

    /**
     * @param merged the first terminal result of each agent that answered in time
     * @param expired the deadline decision, when the deadline closed the plan
     * @param completedAt timestamp of the record that closed the plan
     */
    public Encoded<MergedPlan> assemble(PlanOpened opened, String openedSha256, Map<AgentKind, HeldResult> merged, DeadlineExpired expired,
                               String expiredSha256, Instant completedAt) {
        List<AgentOutcome> outcomes = new ArrayList<>();
        ContextFindings context = null;
        SmeAssessment sme = null;
        ResearchFindings research = null;
        List<String> reviewReasons = new ArrayList<>();
        if (opened.getCategory().getReviewRequired()) {
            reviewReasons.add("GAMP category: " + opened.getCategory().getReviewReason());
        }
        for (AgentKind agent : opened.getExpectedAgents()) {
            HeldResult held = merged.get(agent);
            if (held == null) {
                outcomes.add(new AgentOutcome(agent, AgentOutcomeStatus.TIMED_OUT, timedOut(opened, expired), null, null, null, null));
                reviewReasons.add("the " + agent.name().toLowerCase() + " agent did not answer by the deadline");
                continue;
            }
            AgentResult result = held.getResult();
            if (result.getStatus() == ResultStatus.FAILED) {
                String error = result.getError() == null ? "failed" : result.getError().getCode() + ": " + result.getError().getMessage();
                outcomes.add(new AgentOutcome(agent, AgentOutcomeStatus.FAILED, error, held.getSha256(), result.getKnowledgeBaseVersion(),
                    result.getMode(), result.getModel()));
                reviewReasons.add("the " + agent.name().toLowerCase() + " agent failed (" + error + ")");
                continue;
            }
            outcomes.add(new AgentOutcome(agent, AgentOutcomeStatus.SUCCEEDED, null, held.getSha256(), result.getKnowledgeBaseVersion(),
                result.getMode(), result.getModel()));
            Object payload = result.getPayload();
            if (payload instanceof ContextFindings findings) {
                context = findings;
            } else if (payload instanceof SmeAssessment assessment) {
                sme = assessment;
            } else if (payload instanceof ResearchFindings findings) {
                research = findings;
            }
        }
        if (context != null) {
            reviewReasons.addAll(requirementDifferences(opened.getRequirements(), context.getRequirements()));
        }
        TestPlanComposer.Composition composition = composer.compose(new TestPlanComposer.Inputs(opened.getRequirements(),
            opened.getStrategy(), clausesByRequirement(context), risksByRequirement(sme), sme != null, opened.getTitle(),
            SystemKind.of(opened.getTitle(), context == null ? null : context.getSystemType()),
            sme == null ? List.of() : sme.getGaps()));
        reviewReasons.addAll(composition.reviewReasons());
        long succeeded = outcomes.stream().filter(o -> o.getStatus() == AgentOutcomeStatus.SUCCEEDED).count();
        PlanStatus status = succeeded == outcomes.size() ? PlanStatus.COMPLETE : succeeded == 0 ? PlanStatus.FAILED : PlanStatus.PARTIAL;
        return writable(MergedPlan.newBuilder()
            .setCorrelationId(opened.getCorrelationId())
            .setSource(opened.getSource())
            .setTitle(opened.getTitle())
            .setStatus(status)
            .setCategory(opened.getCategory())
            .setStrategy(opened.getStrategy())
            .setAgents(outcomes)
            .setContext(context)
            .setSme(sme)
            .setResearch(research)
            .setRequirements(composition.requirements())
            .setTests(composition.tests())
            .setGapActions(composition.gapActions())
            .setCustomComponents(composition.components())
            .setReviewRequired(!reviewReasons.isEmpty())
            .setReviewReasons(List.copyOf(new LinkedHashSet<>(reviewReasons)))
            .setRequestSha256(opened.getRequestSha256())
            .setPlanOpenedSha256(openedSha256)
            .setDeadlineExpiredSha256(expired == null ? null : expiredSha256)
            .setRequestedAt(opened.getRequestedAt())
            .setDeadline(opened.getDeadline())
            .setCompletedAt(completedAt)
            .setLatencyMs(completedAt.toEpochMilli() - opened.getRequestedAt().toEpochMilli())
            .setSubmittedBy(opened.getSubmittedBy())
            .setLabels(opened.getLabels())
            .setPlannerVersion(plannerVersion)
            .build());
    }

    /**
     * The plan as it will be written, encoded once: itself, or, when it is too large for a record, the same plan
     * FAILED, without the agents' payloads, traceability and tests, saying why. The agents' outcomes and every digest
     * stay, so the audit trail is whole; being a function of the plan's bytes, a replay decides the same.
     */
    static Encoded<MergedPlan> writable(MergedPlan plan) {
        Encoded<MergedPlan> encoded = Encoded.of(plan);
        return RecordSizeLimit.problem(encoded.bytes()).map(problem -> Encoded.of(MergedPlan.newBuilder(plan)
                .setStatus(PlanStatus.FAILED)
                .setContext(null)
                .setSme(null)
                .setResearch(null)
                .setRequirements(List.of())
                .setTests(List.of())
                .setGapActions(List.of())
                .setCustomComponents(List.of())
                .setReviewRequired(true)
                .setReviewReasons(List.of("the merged plan cannot be written (" + problem + "); split the URS and submit the parts"))
                .build()))
            .orElse(encoded);
    }

    /** A plan closed ahead of its deadline (the aggregator's own time to close it, or a crowd's) says when and why. */
    private static String timedOut(PlanOpened opened, DeadlineExpired expired) {
        long ahead = expired == null ? 0 : Duration.between(expired.getDecidedAt(), opened.getDeadline()).toMillis();
        return ahead <= 0 ? "no result by the deadline " + opened.getDeadline()
            : "no result by " + expired.getDecidedAt() + ", when the plan was closed " + ahead + " ms ahead of its deadline "
                + opened.getDeadline() + " so as to be answered by it";
    }

    /** The planner and the context agent read the same URS; a difference means one of them misread it. */
    private static List<String> requirementDifferences(List<Requirement> planner, List<Requirement> context) {
        Set<String> plannerIds = planner.stream().map(Requirement::getId).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> contextIds = context.stream().map(Requirement::getId).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> reasons = new ArrayList<>();
        Set<String> onlyPlanner = new LinkedHashSet<>(plannerIds);
        onlyPlanner.removeAll(contextIds);
        Set<String> onlyContext = new LinkedHashSet<>(contextIds);
        onlyContext.removeAll(plannerIds);
        if (!onlyPlanner.isEmpty() || !onlyContext.isEmpty()) {
            reasons.add("the planner and the context agent read different requirements (planner only: " + onlyPlanner
                + ", context agent only: " + onlyContext + ")");
        }
        return reasons;
    }

    private static Map<String, List<String>> clausesByRequirement(ContextFindings context) {
        Map<String, List<String>> clauses = new LinkedHashMap<>();
        if (context != null) {
            for (RequirementClauses trace : context.getTraces()) {
                clauses.put(trace.getRequirementId(), trace.getClauses().stream().map(ClauseMatch::getCitation).toList());
            }
        }
        return clauses;
    }

    private static Map<String, RequirementRisk> risksByRequirement(SmeAssessment sme) {
        Map<String, RequirementRisk> risks = new LinkedHashMap<>();
        if (sme != null) {
            sme.getRisks().forEach(r -> risks.putIfAbsent(r.getRequirementId(), r));
        }
        return risks;
    }
}
