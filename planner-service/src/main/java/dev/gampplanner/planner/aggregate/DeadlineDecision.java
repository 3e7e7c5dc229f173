package dev.gampplanner.planner.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.ResultRef;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * The record of a passed deadline: which expected agents had not answered, and which results had been taken. Recorded
 * on the topic rather than acted on, it decides the plan's outcome the same way live and in a replay.
 */
final class DeadlineDecision {

    private DeadlineDecision() {
    }

    /** @param state the state of an opened plan, at wall-clock time {@code now} */
    static DeadlineExpired of(String correlationId, PlanState state, long now) {
        PlanOpened opened = state.getOpened();
        List<AgentKind> missing = new ArrayList<>();
        List<ResultRef> received = new ArrayList<>();
        for (AgentKind agent : opened.getExpectedAgents()) {
            Optional<HeldResultRef> ref = StoredPlan.heldFor(state, agent);
            if (ref.isPresent()) {
                received.add(new ResultRef(agent, ref.get().getSha256()));
            } else {
                missing.add(agent);
            }
        }
        return DeadlineExpired.newBuilder()
            .setCorrelationId(correlationId)
            .setDeadline(opened.getDeadline())
            .setDecidedAt(Instant.ofEpochMilli(now))
            .setMissingAgents(missing)
            .setReceivedResults(received)
            .build();
    }
}
