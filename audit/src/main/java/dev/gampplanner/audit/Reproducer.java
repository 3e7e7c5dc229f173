package dev.gampplanner.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gampplanner.llm.DraftSpec;
import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentResults;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * Re-runs a recorded plan: each agent on its recorded AgentRequest (in LLM mode, answering its model
 * calls with the exchanges its result records, so no model is called), and the plan assembly on the
 * recorded PlanOpened, results and deadline decision, comparing bytes with what is on the topics. A
 * difference with the same versions means the record is not what this code produces.
 */
public final class Reproducer {

    /** One comparison. */
    public record Comparison(String subject, boolean comparable, boolean identical, String detail) {
    }

    private final Map<AgentKind, Agent> agents;
    private final Map<AgentKind, DraftSpec<?, ?>> drafts;
    private final String plannerVersion = OfflinePlanner.currentVersion();

    /**
     * @param agents the deterministic agents
     * @param drafts what each agent asks a model in LLM mode, to replay the results drafted that way
     */
    public Reproducer(Map<AgentKind, Agent> agents, Map<AgentKind, DraftSpec<?, ?>> drafts) {
        this.agents = Map.copyOf(agents);
        this.drafts = Map.copyOf(drafts);
    }

    public List<Comparison> reproduce(List<LogRecord> trail) {
        List<Comparison> comparisons = new ArrayList<>();
        Optional<LogRecord> openedRecord = trail.stream().filter(r -> r.record() instanceof PlanOpened).findFirst();
        if (openedRecord.isEmpty()) {
            return List.of(new Comparison("plan", false, false, "no PlanOpened on the topics for this id"));
        }
        PlanOpened opened = openedRecord.get().as(PlanOpened.class).orElseThrow();
        Optional<LogRecord> planRecord = trail.stream().filter(r -> r.record() instanceof MergedPlan).findFirst();
        Optional<MergedPlan> plan = planRecord.flatMap(r -> r.as(MergedPlan.class));
        Map<AgentKind, LogRecord> merged = new EnumMap<>(AgentKind.class);
        for (AgentKind kind : opened.getExpectedAgents()) {
            Optional<LogRecord> request = trail.stream()
                .filter(r -> r.record() instanceof AgentRequest a && a.getAgent() == kind).findFirst();
            Optional<LogRecord> recorded = resultOf(trail, kind, plan);
            recorded.ifPresent(r -> merged.put(kind, r));
            comparisons.add(compareAgent(kind, request, recorded));
        }
        planRecord.ifPresent(p -> comparisons.add(compareAssembly(trail, opened, openedRecord.get().sha256(), merged, p)));
        return comparisons;
    }

    /** The result the plan merged for {@code kind}, or the first one recorded when there is no plan yet. */
    private static Optional<LogRecord> resultOf(List<LogRecord> trail, AgentKind kind, Optional<MergedPlan> plan) {
        Optional<String> mergedSha = plan.flatMap(p -> p.getAgents().stream().filter(o -> o.getAgent() == kind)
            .map(AgentOutcome::getResultSha256).filter(s -> s != null).findFirst());
        return trail.stream()
            .filter(r -> r.record() instanceof AgentResult a && a.getAgent() == kind)
            .filter(r -> mergedSha.isEmpty() || r.sha256().equals(mergedSha.get()))
            .findFirst();
    }

    private Comparison compareAgent(AgentKind kind, Optional<LogRecord> request, Optional<LogRecord> recorded) {
        String subject = kind.name().toLowerCase() + " result";
        if (request.isEmpty() || recorded.isEmpty()) {
            return new Comparison(subject, false, false, request.isEmpty() ? "no AgentRequest recorded" : "no result recorded");
        }
        AgentResult original = recorded.get().as(AgentResult.class).orElseThrow();
        Agent agent = LlmMode.replaying(agents.get(kind), drafts.get(kind), original);
        AgentResult rerun = AgentResults.run(agent, request.get().as(AgentRequest.class).orElseThrow(), request.get().sha256());
        boolean sameVersions = original.getAgentVersion().equals(rerun.getAgentVersion())
            && original.getKnowledgeBaseVersion().equals(rerun.getKnowledgeBaseVersion())
            && templateVersion(original).equals(templateVersion(rerun));
        boolean identical = Arrays.equals(AvroCodec.encode(rerun), recorded.get().value());
        String detail = identical ? "re-run gives the recorded bytes (" + recorded.get().position() + ", knowledge base "
            + original.getKnowledgeBaseVersion() + ")"
            : sameVersions ? "re-run differs from " + recorded.get().position() + " although agent and knowledge base are the same"
            : "recorded with " + original.getAgentVersion() + "/" + original.getKnowledgeBaseVersion() + ", this build is "
                + rerun.getAgentVersion() + "/" + rerun.getKnowledgeBaseVersion() + ": not comparable byte for byte";
        return new Comparison(subject, sameVersions, identical, detail);
    }

    /** The prompt template a result was drafted with; empty for a deterministic one. */
    private static String templateVersion(AgentResult result) {
        return result.getGeneration() == null ? "" : result.getGeneration().getPromptTemplateVersion();
    }

    private Comparison compareAssembly(List<LogRecord> trail, PlanOpened opened, String openedSha, Map<AgentKind, LogRecord> merged,
                                       LogRecord planRecord) {
        MergedPlan recorded = planRecord.as(MergedPlan.class).orElseThrow();
        Map<AgentKind, OfflinePlanner.RecordedResult> results = new EnumMap<>(AgentKind.class);
        merged.forEach((kind, record) -> results.put(kind, new OfflinePlanner.RecordedResult(record.as(AgentResult.class).orElseThrow(),
            record.sha256(), record.topic(), record.partition(), record.offset(), record.timestamp())));
        Optional<LogRecord> decision = trail.stream()
            .filter(r -> r.record() instanceof DeadlineExpired && r.sha256().equals(recorded.getDeadlineExpiredSha256())).findFirst();
        MergedPlan rebuilt = OfflinePlanner.reassemble(recorded.getPlannerVersion(), opened, openedSha, results,
            decision.flatMap(d -> d.as(DeadlineExpired.class)).orElse(null), decision.map(LogRecord::sha256).orElse(null),
            recorded.getCompletedAt());
        boolean sameVersion = recorded.getPlannerVersion().equals(plannerVersion);
        boolean identical = Arrays.equals(AvroCodec.encode(rebuilt), planRecord.value());
        String detail = identical ? "rebuilding the plan from its recorded inputs gives the recorded plan"
            : sameVersion ? "the recorded plan differs from what its recorded inputs produce"
            : "recorded by " + recorded.getPlannerVersion() + ", this build is " + plannerVersion + ": not comparable byte for byte";
        return new Comparison("merged plan", sameVersion, identical, detail);
    }
}
