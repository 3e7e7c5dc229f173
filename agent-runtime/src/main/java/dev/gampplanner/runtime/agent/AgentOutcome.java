package dev.gampplanner.runtime.agent;

import org.apache.avro.specific.SpecificRecord;

/** How one attempt at a request ended. */
sealed interface AgentOutcome {

    record Success(SpecificRecord payload) implements AgentOutcome {
    }

    record Failure(AgentErrorCode code, String message, boolean retryable) implements AgentOutcome {
    }
}
