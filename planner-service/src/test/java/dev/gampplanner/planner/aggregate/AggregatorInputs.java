package dev.gampplanner.planner.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.intake.Intake;
import dev.gampplanner.planner.intake.IntakeDecision;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentError;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Encoded;

/** The aggregator's inputs as the intake and the agents write them: a plan opened for an example URS, and its results. */
final class AggregatorInputs {

    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    /** A plan as the intake opens it, with the exact requests the agents receive. */
    record Opened(CorrelationId id, Encoded<PlanOpened> opened, List<Encoded<AgentRequest>> requests) {
        Encoded<AgentRequest> request(AgentKind agent) {
            return requests.stream().filter(r -> r.record().getAgent() == agent).findFirst().orElseThrow();
        }
    }

    private AggregatorInputs() {
    }

    static String urs() {
        try {
            return Files.readString(Path.of("..", "examples", "urs", "URS-002.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Opened open(TopicCatalog topics, String urs, Duration deadline, Instant requestedAt) {
        CorrelationId id = CorrelationId.random();
        Intake intake = new Intake(KNOWLEDGE, deadline, Duration.ofHours(1), UrsLimits.DEFAULT);
        IntakeDecision.Accepted accepted = (IntakeDecision.Accepted) intake.decide(id.toString(),
            Encoded.of(PlanRequest.newBuilder().setSource("URS-002.md").setUrs(urs).build()),
            new Intake.Origin(topics.planRequests(), 0, 0, requestedAt), Optional.empty());
        return new Opened(id, accepted.opened(), new ArrayList<>(accepted.requests().values()));
    }

    /** The agent's encoded result for the plan: findings on every requirement when it succeeded, an error when it failed. */
    static byte[] result(Opened plan, AgentKind agent, ResultStatus status) {
        Encoded<AgentRequest> request = plan.request(agent);
        var payload = switch (agent) {
            case CONTEXT -> ContextFindings.newBuilder().setTitle("LIMS").setRequirements(plan.opened().record().getRequirements())
                .setTraces(List.of()).setFrameworks(List.of()).setCoverage(0).setRetrievalQuality(0).setConfidence(0)
                .setRetrievalMethod("bm25").setPassagesIndexed(0).build();
            case SME -> SmeAssessment.newBuilder().setRisks(plan.opened().record().getRequirements().stream()
                    .map(r -> RequirementRisk.newBuilder().setRequirementId(r.getId()).setSeverity(4).setOccurrence(3)
                        .setDetectability(3).setRpn(36).setRiskLevel(RiskLevel.HIGH).setFactors(List.of()).setRationale("test")
                        .setControls(List.of()).build()).toList())
                .setControls(List.of()).setGaps(List.of()).setRecommendations(List.of()).setOverallRiskLevel(RiskLevel.HIGH).setSummary("s").build();
            case RESEARCH -> ResearchFindings.newBuilder().setCategory(4).setSystemTypes(List.of()).setRequirementKinds(List.of())
                .setItems(List.of()).build();
        };
        AgentResult result = AgentResult.newBuilder()
            .setCorrelationId(plan.id().toString())
            .setAgent(agent)
            .setAgentRequestSha256(request.sha256())
            .setStatus(status)
            .setError(status == ResultStatus.FAILED ? new AgentError("BROKEN", "it broke", false) : null)
            .setAgentVersion("v")
            .setKnowledgeBaseVersion("kb")
            .setPayload(status == ResultStatus.SUCCEEDED ? payload : null)
            .build();
        return AvroCodec.encode(result);
    }
}
