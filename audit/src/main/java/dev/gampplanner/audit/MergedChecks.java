package dev.gampplanner.audit;

import java.util.List;
import java.util.Optional;

import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;

/**
 * A MergedPlan names the PlanOpened and request it closes, every result it merged, and — for an agent it marks
 * timed out — the DeadlineExpired that decided so.
 */
record MergedChecks(TopicCatalog topics) {

    void check(LogRecord record, MergedPlan plan, RecordIndex index, List<Check> checks) {
        Optional<LogRecord> opened = index.openedOf(record.key());
        if (opened.isEmpty()) {
            checks.add(Check.fail(record, Check.Kind.ORPHAN, "a plan for a request that was never opened"));
            return;
        }
        checks.add(opened.get().sha256().equals(plan.getPlanOpenedSha256())
            ? Check.pass(record, "merges PlanOpened " + opened.get().position() + " (" + opened.get().shortSha() + ")")
            : Check.fail(record, Check.Kind.FORGED, "names PlanOpened " + plan.getPlanOpenedSha256()
                + " but the plan was opened as " + opened.get().sha256()));
        PlanOpened openedPlan = opened.get().as(PlanOpened.class).orElseThrow();
        if (!openedPlan.getRequestSha256().equals(plan.getRequestSha256())) {
            checks.add(Check.fail(record, Check.Kind.FORGED, "names request " + plan.getRequestSha256()
                + " but the plan was opened for " + openedPlan.getRequestSha256()));
        }
        for (AgentOutcome outcome : plan.getAgents()) {
            checks.add(outcome.getStatus() == AgentOutcomeStatus.TIMED_OUT
                ? timedOut(record, plan, outcome.getAgent(), index)
                : merged(record, outcome, index));
        }
    }

    private Check merged(LogRecord record, AgentOutcome outcome, RecordIndex index) {
        String topic = topics.agentResults(outcome.getAgent());
        return index.ofType(record.key(), topic).stream()
            .filter(r -> r.sha256().equals(outcome.getResultSha256())).findFirst()
            .map(r -> Check.pass(record, "merges " + outcome.getAgent() + " result " + r.position() + " (" + r.shortSha() + ")"))
            .orElseGet(() -> Check.fail(record, Check.Kind.MISSING, "names " + outcome.getAgent() + " result "
                + outcome.getResultSha256() + ", which is not on " + topic));
    }

    private Check timedOut(LogRecord record, MergedPlan plan, AgentKind agent, RecordIndex index) {
        Optional<LogRecord> decision = index.ofType(record.key(), topics.coordination()).stream()
            .filter(r -> r.sha256().equals(plan.getDeadlineExpiredSha256())).findFirst();
        if (decision.isEmpty()) {
            return Check.fail(record, Check.Kind.MISSING, agent + " timed out but DeadlineExpired "
                + plan.getDeadlineExpiredSha256() + " is not on " + topics.coordination());
        }
        boolean named = decision.get().as(DeadlineExpired.class).map(d -> d.getMissingAgents().contains(agent)).orElse(false);
        return named ? Check.pass(record, agent + " timed out, as DeadlineExpired " + decision.get().position() + " recorded")
            : Check.fail(record, Check.Kind.FORGED, agent + " marked TIMED_OUT but DeadlineExpired " + decision.get().position()
                + " does not name it");
    }
}
