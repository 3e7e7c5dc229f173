package dev.gampplanner.planner.aggregate;

import java.util.ArrayList;
import java.util.List;

import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/**
 * Plan state in the first format held its results inline. Such state is read as the current format with its results
 * moved out, to be written to the results store, so a plan in flight across an upgrade keeps every result it had.
 */
final class LegacyPlanState {

    /** The state in the current format, and the results to put in the results store for it. */
    record Migrated(PlanState state, List<HeldResult> inline) {
    }

    private LegacyPlanState() {
    }

    /** @param state as stored, or null; state in the current format passes unchanged */
    static Migrated migrate(PlanState state) {
        if (state == null || state.getResults().isEmpty()) {
            return new Migrated(state, List.of());
        }
        List<HeldResult> inline = List.copyOf(state.getResults());
        var refs = new ArrayList<>(state.getHeldResults());
        inline.forEach(result -> refs.add(StoredPlan.refOf(result)));
        state.setResults(new ArrayList<>());
        state.setHeldResults(refs);
        return new Migrated(state, inline);
    }
}
