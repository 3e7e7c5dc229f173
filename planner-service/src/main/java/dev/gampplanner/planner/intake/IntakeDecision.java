package dev.gampplanner.planner.intake;

import java.time.Instant;
import java.util.Map;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.codec.Encoded;

/**
 * What the planner does with one PlanRequest: open the plan and fan it out, reject it with reasons, or hold it until
 * the plans ahead of it leave it time enough.
 */
public sealed interface IntakeDecision {

    /** The records written in one transaction: PlanOpened and one AgentRequest per expected agent. */
    record Accepted(CorrelationId correlationId, Encoded<PlanOpened> opened, Map<AgentKind, Encoded<AgentRequest>> requests)
        implements IntakeDecision {
    }

    record Rejected(PlanRejected rejection) implements IntakeDecision {
    }

    /** Held, neither opened nor rejected yet: decided again as the plans ahead are answered, by its deadline. */
    record Waiting(Instant deadline) implements IntakeDecision {
    }
}
