package dev.gampplanner.planner.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/** The writes of one input end with one change per store entry, whatever order they were asked for in. */
class PlanWritesTest {

    private static HeldResult held(AgentKind agent) {
        AgentResult result = new AgentResult();
        result.setAgent(agent);
        result.setAgentRequestSha256("a".repeat(64));
        result.setStatus(ResultStatus.SUCCEEDED);
        return new HeldResult(result, "r-" + agent, "agent.results", 0, 1L, 10L);
    }

    private static StoredPlan stored(List<HeldResult> migrated, Map<AgentKind, HeldResult> inStore) {
        return new StoredPlan("c-1", null, null, migrated, inStore::get);
    }

    @Test
    void aResultHeldAndTakenInOneInputIsOnlyDeleted() {
        PlanWrites writes = new PlanWrites(stored(List.of(), Map.of()));
        HeldResult sme = held(AgentKind.SME);
        writes.hold(sme);
        assertThat(writes.take(AgentKind.SME)).isSameAs(sme);
        assertThat(writes.holding()).isEmpty();
        assertThat(writes.dropping()).containsExactly(AgentKind.SME);
    }

    @Test
    void resultsOfTheFirstStateFormatAreMovedToTheResultsStoreAndTakenFromThere() {
        HeldResult inline = held(AgentKind.SME);
        HeldResult stored = held(AgentKind.CONTEXT);
        PlanWrites writes = new PlanWrites(stored(List.of(inline), Map.of(AgentKind.CONTEXT, stored)));
        assertThat(writes.holding()).containsExactly(Map.entry(AgentKind.SME, inline));
        assertThat(writes.take(AgentKind.CONTEXT)).isSameAs(stored);
        assertThat(writes.take(AgentKind.SME)).isSameAs(inline);
        assertThat(writes.dropping()).containsExactlyInAnyOrder(AgentKind.SME, AgentKind.CONTEXT);
    }

    @Test
    void aTimerSetAndCancelledInOneInputIsOnlyCancelled() {
        PlanWrites writes = new PlanWrites(stored(List.of(), Map.of()));
        writes.schedule(100, Timers.Kind.DEADLINE);
        writes.schedule(200, Timers.Kind.FORGET);
        writes.cancel(100, Timers.Kind.DEADLINE);
        assertThat(writes.scheduled()).containsExactly(new Timers.Timer(200, Timers.Kind.FORGET, "c-1"));
        assertThat(writes.cancelled()).containsExactly(new Timers.Timer(100, Timers.Kind.DEADLINE, "c-1"));
    }

    @Test
    void theStateIsStoredOrRemovedAsLastAsked() {
        PlanWrites writes = new PlanWrites(stored(List.of(), Map.of()));
        assertThat(writes.state()).isEmpty();
        assertThat(writes.stateRemoved()).isFalse();
        writes.store(new PlanState());
        writes.removeState();
        assertThat(writes.state()).isEmpty();
        assertThat(writes.stateRemoved()).isTrue();
    }
}
