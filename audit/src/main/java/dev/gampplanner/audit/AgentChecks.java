package dev.gampplanner.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;

/**
 * The agents' side of the chain: each AgentRequest is one its PlanOpened lists, each AgentResult answers a request
 * the planner wrote and ends up merged or recorded as late, and each LateResult names the result it records.
 */
record AgentChecks(TopicCatalog topics) {

    void checkRequest(LogRecord record, AgentRequest request, RecordIndex index, List<Check> checks) {
        Optional<LogRecord> opened = index.openedOf(record.key());
        if (opened.isEmpty()) {
            checks.add(Check.fail(record, Check.Kind.ORPHAN, "an AgentRequest for a plan that was never opened"));
            return;
        }
        PlanOpened plan = opened.get().as(PlanOpened.class).orElseThrow();
        boolean listed = plan.getAgentRequests().stream()
            .anyMatch(ref -> ref.getAgent() == request.getAgent() && ref.getSha256().equals(record.sha256()));
        checks.add(listed ? Check.pass(record, "listed in PlanOpened " + opened.get().position())
            : Check.fail(record, Check.Kind.FORGED, "not among the requests PlanOpened " + opened.get().position() + " names"));
        if (!request.getPlanRequestSha256().equals(plan.getRequestSha256())) {
            checks.add(Check.fail(record, Check.Kind.FORGED, "derives from request " + request.getPlanRequestSha256()
                + " but the plan was opened for " + plan.getRequestSha256()));
        }
    }

    void checkResult(LogRecord record, AgentResult result, RecordIndex index, List<Check> checks) {
        if (index.openedOf(record.key()).isEmpty()) {
            checks.add(Check.fail(record, Check.Kind.ORPHAN, "an AgentResult for a plan that was never opened"));
            return;
        }
        List<LogRecord> requests = index.ofType(record.key(), topics.agentRequests(result.getAgent()));
        Optional<LogRecord> answered = requests.stream().filter(r -> r.sha256().equals(result.getAgentRequestSha256())).findFirst();
        if (answered.isEmpty()) {
            checks.add(Check.fail(record, Check.Kind.FORGED, "answers request " + result.getAgentRequestSha256()
                + ", which is not a request the planner wrote for this plan"));
            return;
        }
        checks.add(Check.pass(record, "answers request " + answered.get().position() + " (" + answered.get().shortSha() + ")"));
        List<LogRecord> plans = index.ofType(record.key(), topics.merged());
        boolean merged = plans.stream()
            .flatMap(p -> p.as(MergedPlan.class).stream())
            .flatMap(p -> p.getAgents().stream())
            .anyMatch(o -> record.sha256().equals(o.getResultSha256()));
        boolean late = index.ofType(record.key(), topics.lateResults()).stream()
            .flatMap(l -> l.as(LateResult.class).stream())
            .anyMatch(l -> l.getResultTopic().equals(record.topic()) && l.getResultOffset() == record.offset()
                && l.getResultPartition() == record.partition());
        if (merged || late) {
            checks.add(Check.pass(record, merged ? "merged into the plan" : "recorded on " + topics.lateResults()));
        } else if (!plans.isEmpty()) {
            checks.add(Check.fail(record, Check.Kind.MISSING, "neither merged into the plan nor recorded as late"));
        }
    }

    Check checkLate(LogRecord record, LateResult late, RecordIndex index) {
        return index.at(late.getResultTopic(), late.getResultPartition(), late.getResultOffset())
            .map(r -> Objects.equals(r.sha256(), late.getResultSha256())
                ? Check.pass(record, late.getCause() + ": result " + r.position())
                : Check.fail(record, Check.Kind.FORGED, "names result " + late.getResultSha256() + " at " + r.position()
                    + ", which holds " + r.sha256()))
            .orElseGet(() -> Check.fail(record, Check.Kind.MISSING, "names a result at " + late.getResultTopic() + "-"
                + late.getResultPartition() + "@" + late.getResultOffset() + ", which was not read"));
    }
}
