package dev.gampplanner.cli.support;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.aggregate.PlanAssembler;
import dev.gampplanner.planner.intake.Intake;
import dev.gampplanner.planner.intake.IntakeDecision;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentResults;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.HeldResult;

/**
 * The same intake, agents and plan assembly the services run, called directly without Kafka: for
 * evaluating the planner's judgement on a folder of documents, where the broker adds nothing.
 */
public final class LocalPlanner {

    private final Intake intake;
    private final PlanAssembler assembler;
    private final Map<AgentKind, Agent> agents = new EnumMap<>(AgentKind.class);

    public LocalPlanner(GampConfig config) {
        PlannerKnowledge knowledge = PlannerKnowledge.load();
        this.intake = new Intake(knowledge, config.defaultDeadline(), config.maxDeadline(), config.ursLimits());
        this.assembler = new PlanAssembler(knowledge.stamp());
        agents.putAll(ServiceCatalog.agents());
    }

    /** A plan with the agent results it was merged from, as the services would have written them. */
    public record Trace(Map<AgentKind, Encoded<AgentResult>> results, MergedPlan plan) {
    }

    /** Plans one document; a request the intake would reject throws, saying why. */
    public MergedPlan plan(UrsFile file, Integer category) {
        return trace(file, category).plan();
    }

    /** As {@link #plan}, keeping the agents' results. */
    public Trace trace(UrsFile file, Integer category) {
        CorrelationId id = CorrelationId.random();
        Instant now = Instant.now();
        Encoded<PlanRequest> request = Encoded.of(PlanRequest.newBuilder().setSource(file.name()).setUrs(file.text())
            .setGampCategory(category).setSubmittedBy("gamp evaluate").build());
        IntakeDecision decision = intake.decide(id.toString(), request, new Intake.Origin("local", 0, 0, now), Optional.empty());
        if (decision instanceof IntakeDecision.Rejected rejected) {
            throw new IllegalArgumentException(file.name() + " would be rejected: " + rejected.rejection().getReasons());
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
        return new Trace(results, assembler.assemble(accepted.opened().record(), accepted.opened().sha256(), held, null, null,
            Instant.now()));
    }

    public List<AgentKind> agentKinds() {
        return List.copyOf(agents.keySet());
    }
}
