package dev.gampplanner.planner.aggregate;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * What the stores hold of one plan when an input arrives, read before anything is decided. The state is read afresh
 * for each input, so the state machine may edit it into the state it stores. Held results are looked up only when the
 * plan is assembled: an arriving result does not read the payloads of the others.
 *
 * @param state the plan's state, or null when nothing is stored for it
 * @param emitted the marker of the plan's emission, or null while it is not emitted
 * @param migrated results the first state format held inline, still to be put in the results store
 * @param held the results store's entry for an agent of this plan, or null
 */
record StoredPlan(String id, PlanState state, EmittedPlan emitted, List<HeldResult> migrated, Function<AgentKind, HeldResult> held) {

    static StoredPlan read(String id, ReadOnlyKeyValueStore<String, PlanState> plans, ReadOnlyKeyValueStore<String, HeldResult> held,
                           ReadOnlyKeyValueStore<String, EmittedPlan> emitted) {
        LegacyPlanState.Migrated state = LegacyPlanState.migrate(plans.get(id));
        return new StoredPlan(id, state.state(), emitted.get(id), state.inline(), agent -> held.get(heldKey(id, agent)));
    }

    /** One entry per plan and agent, so an arriving result never rewrites the others. */
    static String heldKey(String id, AgentKind agent) {
        return id + "/" + agent.name();
    }

    /** The result held for an agent of the plan, if one is. */
    static Optional<HeldResultRef> heldFor(PlanState state, AgentKind agent) {
        return state.getHeldResults().stream().filter(ref -> ref.getAgent() == agent).findFirst();
    }

    /** What the plan's state keeps of a held result: enough to decide, without the payload. */
    static HeldResultRef refOf(HeldResult held) {
        AgentResult result = held.getResult();
        return new HeldResultRef(result.getAgent(), result.getAgentRequestSha256(), result.getStatus(), held.getSha256(),
            held.getTopic(), held.getPartition(), held.getOffset(), held.getTimestamp());
    }
}
