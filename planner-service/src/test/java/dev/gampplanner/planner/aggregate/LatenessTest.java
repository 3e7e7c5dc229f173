package dev.gampplanner.planner.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.state.EmittedOutcome;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/** Every rule that turns a result away from its plan, one reason at a time. */
class LatenessTest {

    private static final String ASKED = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);

    private static HeldResultRef ref(AgentKind agent, String requestSha256) {
        return new HeldResultRef(agent, requestSha256, ResultStatus.SUCCEEDED, "r-" + agent, "agent.results", 0, 1L, 10L);
    }

    private static PlanOpened opened(AgentKind... agents) {
        PlanOpened opened = new PlanOpened();
        opened.setExpectedAgents(List.of(agents));
        opened.setAgentRequests(Arrays.stream(agents).map(a -> new AgentRequestRef(a, ASKED)).toList());
        return opened;
    }

    private static PlanState state(PlanOpened opened, HeldResultRef... held) {
        PlanState state = new PlanState();
        state.setOpened(opened);
        state.setHeldResults(new ArrayList<>(List.of(held)));
        return state;
    }

    private static Optional<LateCause> cause(Optional<Lateness> lateness) {
        return lateness.map(Lateness::cause);
    }

    @Test
    void aResultAnsweringTheRequestTheAgentWasAskedIsHeld() {
        assertThat(Lateness.refusal(opened(AgentKind.SME), ref(AgentKind.SME, ASKED))).isEmpty();
        assertThat(Lateness.arriving(state(opened(AgentKind.SME)), ref(AgentKind.SME, ASKED))).isEmpty();
    }

    @Test
    void refusesAnAgentThePlanDidNotAskAndARequestThePlannerDidNotWrite() {
        Optional<Lateness> unexpected = Lateness.refusal(opened(AgentKind.SME), ref(AgentKind.CONTEXT, ASKED));
        assertThat(cause(unexpected)).contains(LateCause.UNEXPECTED_AGENT);
        assertThat(unexpected.orElseThrow().detail()).isEqualTo("the plan did not ask the CONTEXT agent");
        Optional<Lateness> forged = Lateness.refusal(opened(AgentKind.SME), ref(AgentKind.SME, OTHER));
        assertThat(cause(forged)).contains(LateCause.DIGEST_MISMATCH);
        assertThat(forged.orElseThrow().detail()).contains(OTHER);
    }

    @Test
    void beforeThePlanOpensOnlyTheFirstResultPerAgentIsHeld() {
        PlanState waiting = state(null, ref(AgentKind.SME, OTHER));
        assertThat(Lateness.arriving(waiting, ref(AgentKind.CONTEXT, OTHER))).isEmpty();
        Optional<Lateness> second = Lateness.arriving(waiting, ref(AgentKind.SME, OTHER));
        assertThat(cause(second)).contains(LateCause.DUPLICATE);
        assertThat(second.orElseThrow().detail()).contains("r-SME");
    }

    @Test
    void aRefusalComesBeforeADuplicateAndADuplicateBeforeTheDeadline() {
        PlanState state = state(opened(AgentKind.SME, AgentKind.CONTEXT), ref(AgentKind.SME, ASKED));
        state.setDeadlineExpired(DeadlineExpired.newBuilder().setCorrelationId("c").setDeadline(Instant.EPOCH)
            .setDecidedAt(Instant.EPOCH).setMissingAgents(List.of(AgentKind.SME, AgentKind.CONTEXT))
            .setReceivedResults(List.of()).build());
        assertThat(cause(Lateness.arriving(state, ref(AgentKind.SME, OTHER)))).contains(LateCause.DIGEST_MISMATCH);
        assertThat(cause(Lateness.arriving(state, ref(AgentKind.SME, ASKED)))).contains(LateCause.DUPLICATE);
        assertThat(cause(Lateness.arriving(state, ref(AgentKind.CONTEXT, ASKED)))).contains(LateCause.AFTER_DEADLINE);
    }

    @Test
    void afterEmissionTheOutcomeTheResultComesTooLateForNamesTheReason() {
        EmittedPlan marker = new EmittedPlan(PlanStatus.PARTIAL, List.of(
            new EmittedOutcome(AgentKind.SME, AgentOutcomeStatus.SUCCEEDED, "r", ASKED),
            new EmittedOutcome(AgentKind.RESEARCH, AgentOutcomeStatus.TIMED_OUT, null, ASKED)), 0L);
        assertThat(Lateness.afterEmission(marker, ref(AgentKind.SME, ASKED)).cause()).isEqualTo(LateCause.AFTER_COMPLETION);
        assertThat(Lateness.afterEmission(marker, ref(AgentKind.RESEARCH, ASKED)).cause()).isEqualTo(LateCause.AFTER_DEADLINE);
        assertThat(Lateness.afterEmission(marker, ref(AgentKind.SME, OTHER)).cause()).isEqualTo(LateCause.DIGEST_MISMATCH);
        assertThat(Lateness.afterEmission(marker, ref(AgentKind.CONTEXT, ASKED)).cause()).isEqualTo(LateCause.UNEXPECTED_AGENT);
        assertThat(Lateness.afterEmission(marker, ref(AgentKind.SME, ASKED)).detail()).contains("PARTIAL");
    }

    @Test
    void theLateResultRecordPointsAtTheResultItTurnsAway() {
        var late = Lateness.orphan(Duration.ofSeconds(60)).record("c-1", ref(AgentKind.SME, ASKED));
        assertThat(late.getCause()).isEqualTo(LateCause.ORPHAN);
        assertThat(late.getDetail()).isEqualTo("no PlanOpened arrived within 60 s");
        assertThat(late.getCorrelationId()).isEqualTo("c-1");
        assertThat(late.getResultSha256()).isEqualTo("r-SME");
        assertThat(late.getResultTopic()).isEqualTo("agent.results");
        assertThat(late.getResultOffset()).isEqualTo(1L);
    }
}
