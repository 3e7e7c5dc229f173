package dev.gampplanner.planner.aggregate;

import java.time.Duration;
import java.util.Optional;

import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * Why a result is not merged into its plan, as plan.late-results records it. Every rule that turns a result away
 * is here, so what counts as late reads in one place and each rule can be checked without a topology.
 */
record Lateness(LateCause cause, String detail) {

    /** A result for a plan already emitted: which of the plan's outcomes it comes too late for. */
    static Lateness afterEmission(EmittedPlan marker, HeldResultRef ref) {
        LateCause cause = marker.getOutcomes().stream()
            .filter(o -> o.getAgent() == ref.getAgent())
            .findFirst()
            .map(o -> !ref.getAgentRequestSha256().equals(o.getAgentRequestSha256()) ? LateCause.DIGEST_MISMATCH
                : o.getStatus() == AgentOutcomeStatus.TIMED_OUT ? LateCause.AFTER_DEADLINE : LateCause.AFTER_COMPLETION)
            .orElse(LateCause.UNEXPECTED_AGENT);
        return new Lateness(cause, "the plan was emitted as " + marker.getStatus() + " before this result arrived");
    }

    /** Why a result cannot be merged into the plan {@code opened}, if it cannot. */
    static Optional<Lateness> refusal(PlanOpened opened, HeldResultRef ref) {
        AgentKind agent = ref.getAgent();
        if (!opened.getExpectedAgents().contains(agent)) {
            return Optional.of(new Lateness(LateCause.UNEXPECTED_AGENT, "the plan did not ask the " + agent + " agent"));
        }
        boolean answersOurRequest = opened.getAgentRequests().stream()
            .filter(request -> request.getAgent() == agent)
            .map(AgentRequestRef::getSha256)
            .anyMatch(sha -> sha.equals(ref.getAgentRequestSha256()));
        return answersOurRequest ? Optional.empty() : Optional.of(new Lateness(LateCause.DIGEST_MISMATCH, "it answers request "
            + ref.getAgentRequestSha256() + ", which is not the request the planner wrote for this plan"));
    }

    /**
     * Why a result arriving for a plan not yet emitted is not held, if it is not: it is refused by the plan's
     * PlanOpened (once that has arrived), its agent's first result was already taken, or the deadline decision
     * named its agent as missing.
     */
    static Optional<Lateness> arriving(PlanState state, HeldResultRef ref) {
        Optional<Lateness> refused = state.getOpened() == null ? Optional.empty() : refusal(state.getOpened(), ref);
        if (refused.isPresent()) {
            return refused;
        }
        Optional<HeldResultRef> first = StoredPlan.heldFor(state, ref.getAgent());
        if (first.isPresent()) {
            return Optional.of(new Lateness(LateCause.DUPLICATE, "the first " + ref.getAgent() + " result ("
                + first.get().getSha256() + ") was already taken"));
        }
        if (state.getDeadlineExpired() != null && state.getDeadlineExpired().getMissingAgents().contains(ref.getAgent())) {
            return Optional.of(new Lateness(LateCause.AFTER_DEADLINE, "the deadline decision named this agent as missing"));
        }
        return Optional.empty();
    }

    /** A held result whose agent the deadline decision, read after it, named as missing. */
    static Lateness heldPastDeadline() {
        return new Lateness(LateCause.AFTER_DEADLINE, "it arrived after the deadline decision was written");
    }

    /** A result not signed by a published key of the agent it claims to come from: how its signature fails. */
    static Lateness forged(SignatureCheck signature) {
        return new Lateness(LateCause.FORGED, signature.verdict() + ": " + signature.detail());
    }

    /** A held result whose plan never opened. */
    static Lateness orphan(Duration waited) {
        return new Lateness(LateCause.ORPHAN, "no PlanOpened arrived within " + waited.toSeconds() + " s");
    }

    LateResult record(String correlationId, HeldResultRef ref) {
        return LateResult.newBuilder()
            .setCorrelationId(correlationId)
            .setAgent(ref.getAgent())
            .setCause(cause)
            .setResultSha256(ref.getSha256())
            .setResultStatus(ref.getStatus())
            .setResultTopic(ref.getTopic())
            .setResultPartition(ref.getPartition())
            .setResultOffset(ref.getOffset())
            .setDetail(detail)
            .build();
    }
}
