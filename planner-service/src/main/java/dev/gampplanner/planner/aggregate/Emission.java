package dev.gampplanner.planner.aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.EmittedOutcome;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * When a plan is decided, and what deciding it writes: the MergedPlan, once, and a small marker kept for the plan
 * retention so results arriving afterwards are classified, while the plan's own state and held results go.
 */
final class Emission {

    private final AggregatorTopology.Settings settings;
    private final PlanAssembler assembler;
    private final Clock clock;

    Emission(AggregatorTopology.Settings settings, PlanAssembler assembler, Clock clock) {
        this.settings = settings;
        this.assembler = assembler;
        this.clock = clock;
    }

    /**
     * Decided means: every expected agent has a result and no deadline decision was written; or the deadline decision
     * has been read and every agent it did not name as missing has its result.
     */
    static boolean decided(PlanState state) {
        PlanOpened opened = state.getOpened();
        if (opened == null) {
            return false;
        }
        Set<AgentKind> expected = EnumSet.copyOf(opened.getExpectedAgents());
        Set<AgentKind> answered = EnumSet.noneOf(AgentKind.class);
        state.getHeldResults().forEach(ref -> answered.add(ref.getAgent()));
        DeadlineExpired expired = state.getDeadlineExpired();
        if (expired != null) {
            Set<AgentKind> required = EnumSet.copyOf(expected);
            expired.getMissingAgents().forEach(required::remove);
            return answered.containsAll(required);
        }
        return !state.getDeadlineSignalled() && answered.containsAll(expected);
    }

    /** Emits the decided plan, closed by an input with {@code timestamp}. */
    void emit(PlanWrites writes, PlanState state, long timestamp) {
        PlanOpened opened = state.getOpened();
        DeadlineExpired expired = state.getDeadlineExpired();
        // The plan is complete as of its latest input; a PlanOpened that arrives after every result carries the
        // request's timestamp, which would make the plan look older than its answers.
        long completedAt = expired != null ? state.getDeadlineExpiredTimestamp()
            : Math.max(timestamp, state.getHeldResults().stream().mapToLong(HeldResultRef::getTimestamp).max().orElse(timestamp));
        Map<AgentKind, HeldResult> merged = new EnumMap<>(AgentKind.class);
        for (HeldResultRef ref : state.getHeldResults()) {
            merged.put(ref.getAgent(), writes.take(ref.getAgent()));
        }
        Encoded<MergedPlan> plan = assembler.assemble(opened, state.getOpenedSha256(), merged, expired, state.getDeadlineExpiredSha256(),
            Instant.ofEpochMilli(completedAt));
        List<EmittedOutcome> outcomes = plan.record().getAgents().stream()
            .map(o -> new EmittedOutcome(o.getAgent(), o.getStatus(), o.getResultSha256(), opened.getAgentRequests().stream()
                .filter(ref -> ref.getAgent() == o.getAgent()).map(AgentRequestRef::getSha256).findFirst().orElse(null)))
            .toList();
        writes.emit(plan, new EmittedPlan(plan.record().getStatus(), outcomes, completedAt), completedAt);
        writes.schedule(clock.millis() + settings.planRetention().toMillis(), Timers.Kind.FORGET);
        writes.cancel(opened.getDeadline().toEpochMilli(), Timers.Kind.DEADLINE);
        writes.removeState();
    }
}
