package dev.gampplanner.planner.aggregate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * What each input does to a plan: a function of what the stores hold of the plan and the input, returning the writes
 * to make. It writes nothing itself, so every rule of the aggregator can be followed here without stores or topics.
 */
final class PlanStateMachine {

    private final AggregatorTopology.Settings settings;
    private final Emission emission;
    private final Clock clock;

    PlanStateMachine(AggregatorTopology.Settings settings, PlanAssembler assembler, Clock clock) {
        this.settings = settings;
        this.emission = new Emission(settings, assembler, clock);
        this.clock = clock;
    }

    /** The plan opens; results that waited for their PlanOpened are checked against it now. */
    PlanWrites opened(StoredPlan plan, PlanOpened opened, String sha256, long timestamp) {
        PlanState state = plan.state();
        if (plan.emitted() != null || (state != null && state.getOpened() != null)) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                "a second PlanOpened for plan " + plan.id() + " (" + sha256 + "); the first one stands");
        }
        PlanWrites writes = new PlanWrites(plan);
        if (state == null) {
            state = newState();
        }
        state.setOpened(opened);
        state.setOpenedSha256(sha256);
        List<HeldResultRef> kept = new ArrayList<>();
        for (HeldResultRef ref : state.getHeldResults()) {
            Optional<Lateness> refused = Lateness.refusal(opened, ref);
            if (refused.isPresent()) {
                writes.release(ref, refused.get(), timestamp);
            } else {
                kept.add(ref);
            }
        }
        state.setHeldResults(kept);
        writes.schedule(opened.getDeadline().toEpochMilli(), Timers.Kind.DEADLINE);
        return settle(writes, state, timestamp);
    }

    /**
     * An agent's result: the first one per agent is held for the plan, every other one is late. One its agent did not
     * sign is recorded as forged and changes nothing else, so it neither answers for the agent nor keeps the genuine
     * result out.
     */
    PlanWrites result(StoredPlan plan, HeldResult result, SignatureCheck signature) {
        PlanWrites writes = new PlanWrites(plan);
        HeldResultRef ref = StoredPlan.refOf(result);
        if (!signature.acceptable()) {
            writes.late(ref, Lateness.forged(signature), result.getTimestamp());
            return writes;
        }
        if (plan.emitted() != null) {
            writes.late(ref, Lateness.afterEmission(plan.emitted(), ref), result.getTimestamp());
            return writes;
        }
        PlanState state = plan.state();
        if (state == null) {
            state = newState();
            writes.schedule(state.getFirstSeenAt() + settings.orphanTimeout().toMillis(), Timers.Kind.ORPHAN);
        }
        Optional<Lateness> late = Lateness.arriving(state, ref);
        if (late.isPresent()) {
            writes.late(ref, late.get(), result.getTimestamp());
        } else {
            writes.hold(result);
            List<HeldResultRef> results = new ArrayList<>(state.getHeldResults());
            results.add(ref);
            state.setHeldResults(results);
        }
        return settle(writes, state, result.getTimestamp());
    }

    /**
     * The deadline decision is read back. Live, the plan was closed from it when it was written; in a replay without a
     * clock, reading it is what closes the plan.
     */
    PlanWrites deadlineExpired(StoredPlan plan, DeadlineExpired expired, String sha256, long timestamp) {
        PlanWrites writes = new PlanWrites(plan);
        if (plan.emitted() != null) {
            // Read after the plan was emitted: nothing to do.
            return writes;
        }
        PlanState state = plan.state();
        if (state == null || state.getOpened() == null) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                "a DeadlineExpired for plan " + plan.id() + ", which has no PlanOpened");
        }
        return closeByDecision(writes, state, expired, sha256, timestamp);
    }

    /**
     * The deadline timer is due: the decision is written (naming the agents still missing), and the plan is closed from
     * it in the same transaction, exactly as reading the decision back would close it. A planner far behind on its
     * inputs still answers by the deadline, rather than once the decision has come round behind that backlog on
     * plan.coordination; a replay without a clock closes the plan from the recorded decision to the same bytes.
     */
    PlanWrites deadlineDue(StoredPlan plan, long now) {
        PlanWrites writes = new PlanWrites(plan);
        PlanState state = plan.state();
        if (state == null || state.getOpened() == null || state.getDeadlineSignalled()) {
            return writes;
        }
        DeadlineExpired decision = DeadlineDecision.of(plan.id(), state, now);
        writes.signal(decision, now);
        return closeByDecision(writes, state, decision, Encoded.of(decision).sha256(), now);
    }

    /** From the deadline decision on, only it closes the plan: results of the agents it names as missing are late. */
    private PlanWrites closeByDecision(PlanWrites writes, PlanState state, DeadlineExpired expired, String sha256, long timestamp) {
        state.setDeadlineSignalled(true);
        state.setDeadlineExpired(expired);
        state.setDeadlineExpiredSha256(sha256);
        state.setDeadlineExpiredTimestamp(timestamp);
        List<HeldResultRef> kept = new ArrayList<>();
        for (HeldResultRef ref : state.getHeldResults()) {
            if (expired.getMissingAgents().contains(ref.getAgent())) {
                writes.release(ref, Lateness.heldPastDeadline(), timestamp);
            } else {
                kept.add(ref);
            }
        }
        state.setHeldResults(kept);
        return settle(writes, state, timestamp);
    }

    /** Results have waited for a PlanOpened long enough: they are recorded as orphans. */
    PlanWrites orphansDue(StoredPlan plan, long now) {
        PlanWrites writes = new PlanWrites(plan);
        PlanState state = plan.state();
        if (state == null || state.getOpened() != null) {
            return writes;
        }
        for (HeldResultRef ref : state.getHeldResults()) {
            writes.release(ref, Lateness.orphan(settings.orphanTimeout()), now);
        }
        writes.removeState();
        return writes;
    }

    /** Emits the plan if it is decided, else stores its state. */
    private PlanWrites settle(PlanWrites writes, PlanState state, long timestamp) {
        if (Emission.decided(state)) {
            emission.emit(writes, state, timestamp);
        } else {
            writes.store(state);
        }
        return writes;
    }

    private PlanState newState() {
        return PlanState.newBuilder()
            .setOpened(null)
            .setOpenedSha256(null)
            .setResults(new ArrayList<>())
            .setHeldResults(new ArrayList<>())
            .setFirstSeenAt(clock.millis())
            .setDeadlineSignalled(false)
            .setDeadlineExpired(null)
            .setDeadlineExpiredSha256(null)
            .setDeadlineExpiredTimestamp(0)
            .build();
    }
}
