package dev.gampplanner.planner.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Record;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * The writes one input leads to for one plan. The state machine collects them while it decides; the processor makes
 * them only once it has decided, so a defect while deciding leaves stores and topics as they were. Each store entry
 * ends with one change, the last one asked for, so the processor may make them in any order.
 */
final class PlanWrites {

    private final StoredPlan plan;
    private final Map<AgentKind, HeldResult> holding = new EnumMap<>(AgentKind.class);
    private final Set<AgentKind> dropping = EnumSet.noneOf(AgentKind.class);
    private final Set<Timers.Timer> scheduled = new LinkedHashSet<>();
    private final Set<Timers.Timer> cancelled = new LinkedHashSet<>();
    private final List<Record<CorrelationId, LateResult>> late = new ArrayList<>();
    private PlanState state;
    private boolean stateRemoved;
    private EmittedPlan emitted;
    private Record<CorrelationId, Encoded<MergedPlan>> merged;
    private Record<CorrelationId, DeadlineExpired> deadline;

    /** Starts with the writes reading the plan asked for: moving results out of state of the first format. */
    PlanWrites(StoredPlan plan) {
        this.plan = plan;
        plan.migrated().forEach(this::hold);
    }

    void hold(HeldResult result) {
        AgentKind agent = result.getResult().getAgent();
        dropping.remove(agent);
        holding.put(agent, result);
    }

    /** Takes an agent's held result out to be merged: it is no longer held. */
    HeldResult take(AgentKind agent) {
        HeldResult result = holding.containsKey(agent) ? holding.get(agent) : plan.held().apply(agent);
        drop(agent);
        return result;
    }

    /** A held result that will not be merged after all: recorded as late, and no longer held. */
    void release(HeldResultRef ref, Lateness why, long timestamp) {
        drop(ref.getAgent());
        late(ref, why, timestamp);
    }

    private void drop(AgentKind agent) {
        holding.remove(agent);
        dropping.add(agent);
    }

    void late(HeldResultRef ref, Lateness why, long timestamp) {
        late.add(new Record<>(CorrelationId.parse(plan.id()), why.record(plan.id(), ref), timestamp));
    }

    void store(PlanState state) {
        this.state = state;
        stateRemoved = false;
    }

    void removeState() {
        state = null;
        stateRemoved = true;
    }

    void schedule(long dueAt, Timers.Kind kind) {
        Timers.Timer timer = new Timers.Timer(dueAt, kind, plan.id());
        cancelled.remove(timer);
        scheduled.add(timer);
    }

    void cancel(long dueAt, Timers.Kind kind) {
        Timers.Timer timer = new Timers.Timer(dueAt, kind, plan.id());
        scheduled.remove(timer);
        cancelled.add(timer);
    }

    void emit(Encoded<MergedPlan> plan, EmittedPlan marker, long completedAt) {
        merged = new Record<>(CorrelationId.parse(this.plan.id()), plan, completedAt);
        emitted = marker;
    }

    void signal(DeadlineExpired expired, long now) {
        deadline = new Record<>(CorrelationId.parse(plan.id()), expired, now);
    }

    String id() {
        return plan.id();
    }

    /** The plan's source document, for the log; known once its PlanOpened has arrived. */
    String source() {
        return plan.state().getOpened().getSource();
    }

    Map<AgentKind, HeldResult> holding() {
        return Collections.unmodifiableMap(holding);
    }

    Set<AgentKind> dropping() {
        return Collections.unmodifiableSet(dropping);
    }

    Optional<PlanState> state() {
        return Optional.ofNullable(state);
    }

    boolean stateRemoved() {
        return stateRemoved;
    }

    Optional<EmittedPlan> emitted() {
        return Optional.ofNullable(emitted);
    }

    Set<Timers.Timer> scheduled() {
        return Collections.unmodifiableSet(scheduled);
    }

    Set<Timers.Timer> cancelled() {
        return Collections.unmodifiableSet(cancelled);
    }

    List<Record<CorrelationId, LateResult>> late() {
        return Collections.unmodifiableList(late);
    }

    Optional<Record<CorrelationId, Encoded<MergedPlan>>> merged() {
        return Optional.ofNullable(merged);
    }

    Optional<Record<CorrelationId, DeadlineExpired>> deadline() {
        return Optional.ofNullable(deadline);
    }
}
