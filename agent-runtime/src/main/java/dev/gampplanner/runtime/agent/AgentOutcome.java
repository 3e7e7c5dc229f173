package dev.gampplanner.runtime.agent;

import dev.gampplanner.schema.ModelGeneration;

/** How one attempt at a request ended. */
sealed interface AgentOutcome {

    record Success(Answer answer) implements AgentOutcome {
    }

    record Failure(AgentErrorCode code, String message, boolean retryable, ModelGeneration generation) implements AgentOutcome {

        Failure(AgentErrorCode code, String message, boolean retryable) {
            this(code, message, retryable, null);
        }
    }
}
