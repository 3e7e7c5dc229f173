package dev.gampplanner.planner.aggregate;

import java.time.Instant;
import java.util.Map;

import dev.gampplanner.planner.Fault;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.HeldResult;

/** The planner's assembler, with a fault planted in assembling a plan. */
final class FaultyAssembler extends PlanAssembler {

    private final Fault fault;

    FaultyAssembler(Fault fault) {
        super(PlannerKnowledge.load().stamp());
        this.fault = fault;
    }

    @Override
    public Encoded<MergedPlan> assemble(PlanOpened opened, String openedSha256, Map<AgentKind, HeldResult> merged,
                                        DeadlineExpired expired, String expiredSha256, Instant completedAt) {
        fault.raiseIfArmed();
        return super.assemble(opened, openedSha256, merged, expired, expiredSha256, completedAt);
    }
}
