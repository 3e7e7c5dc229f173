package dev.gampplanner.planner;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.aggregate.PlanAssembler;
import dev.gampplanner.planner.intake.Intake;
import dev.gampplanner.planner.intake.IntakeDecision;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentResults;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.HeldResult;

/**
 * The planner's public entry point without Kafka: the same intake, agents and plan assembly the
 * services run, called directly — for evaluating the planner's judgement on a folder of documents,
 * and for an auditor rebuilding a recorded plan from its recorded inputs.
 */
public final class OfflinePlanner {

    private final Intake intake;
    private final PlanAssembler assembler;
    private final Map<AgentKind, Agent> agents;

    public OfflinePlanner(GampConfig config, Map<AgentKind, Agent> agents) {
        PlannerKnowledge knowledge = PlannerKnowledge.load();
        this.intake = new Intake(knowledge, config.defaultDeadline(), config.maxDeadline(), config.ursLimits());
        this.assembler = new PlanAssembler(knowledge.stamp());
        this.agents = Map.copyOf(agents);
    }

    /** A plan with the PlanOpened and the agent results it was merged from, as the services would have written them. */
    public record Trace(Encoded<PlanOpened> opened, Map<AgentKind, Encoded<AgentResult>> results, MergedPlan plan) {
    }

    /** An agent result as it was recorded on its topic. */
    public record RecordedResult(AgentResult result, String sha256, String topic, int partition, long offset, Instant timestamp) {
    }

    /** Plans one document; a request the intake would reject throws, saying why. */
    public Trace trace(String source, String urs, Integer category, String submittedBy) {
        return trace(CorrelationId.random(), Instant.now(), source, urs, category, submittedBy);
    }

    /** As {@link #trace(String, String, Integer, String)} under a given id and at a given time: the same bytes every time. */
    public Trace trace(CorrelationId id, Instant now, String source, String urs, Integer category, String submittedBy) {
        Encoded<PlanRequest> request = Encoded.of(PlanRequest.newBuilder().setSource(source).setUrs(urs)
            .setGampCategory(category).setSubmittedBy(submittedBy).build());
        IntakeDecision decision = intake.decide(id.toString(), request, new Intake.Origin("local", 0, 0, now), Optional.empty());
        if (decision instanceof IntakeDecision.Rejected rejected) {
            throw new IllegalArgumentException(source + " would be rejected: " + rejected.rejection().getReasons());
        }
        IntakeDecision.Accepted accepted = (IntakeDecision.Accepted) decision;
        Map<AgentKind, HeldResult> held = new EnumMap<>(AgentKind.class);
        Map<AgentKind, Encoded<AgentResult>> results = new EnumMap<>(AgentKind.class);
        for (Map.Entry<AgentKind, Encoded<AgentRequest>> entry : accepted.requests().entrySet()) {
            Encoded<AgentRequest> agentRequest = entry.getValue();
            Encoded<AgentResult> result = Encoded.of(AgentResults.run(agents.get(entry.getKey()), agentRequest.record(),
                agentRequest.sha256()));
            results.put(entry.getKey(), result);
            held.put(entry.getKey(), new HeldResult(result.record(), result.sha256(), "local", 0, 0L, now.toEpochMilli()));
        }
        return new Trace(accepted.opened(), results, assembler.assemble(accepted.opened().record(), accepted.opened().sha256(), held, null, null, now).record());
    }

    /**
     * The plan the aggregator of {@code plannerVersion} assembles from these recorded inputs; agents the
     * deadline decision names as missing are left out, as the aggregator leaves them out.
     */
    public static MergedPlan reassemble(String plannerVersion, PlanOpened opened, String openedSha256,
                                        Map<AgentKind, RecordedResult> results, DeadlineExpired expired, String expiredSha256,
                                        Instant completedAt) {
        Map<AgentKind, HeldResult> held = new EnumMap<>(AgentKind.class);
        results.forEach((kind, r) -> held.put(kind, new HeldResult(r.result(), r.sha256(), r.topic(), r.partition(), r.offset(),
            r.timestamp().toEpochMilli())));
        if (expired != null) {
            expired.getMissingAgents().forEach(held::remove);
        }
        return new PlanAssembler(plannerVersion).assemble(opened, openedSha256, held, expired, expiredSha256, completedAt).record();
    }

    /** The version this build stamps on every plan: planner logic and its knowledge. */
    public static String currentVersion() {
        return PlannerKnowledge.load().stamp();
    }
}
