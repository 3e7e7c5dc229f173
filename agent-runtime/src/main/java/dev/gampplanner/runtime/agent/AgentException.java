package dev.gampplanner.runtime.agent;

import dev.gampplanner.schema.ModelGeneration;

/**
 * A failure an agent can name. Transient failures (a model endpoint that timed out, a dependency
 * that is restarting) are retried with backoff; permanent ones become a FAILED result at once.
 */
public final class AgentException extends Exception {

    private final AgentErrorCode code;
    private final boolean retryable;
    private final transient ModelGeneration generation;

    private AgentException(AgentErrorCode code, String message, boolean retryable, Throwable cause, ModelGeneration generation) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.generation = generation;
    }

    public static AgentException transientFailure(AgentErrorCode code, String message, Throwable cause) {
        return new AgentException(code, message, true, cause, null);
    }

    public static AgentException permanentFailure(AgentErrorCode code, String message) {
        return new AgentException(code, message, false, null, null);
    }

    /**
     * A model that did not give a usable draft within the request's budget. Final: the agent already tried again as
     * often as the budget allowed, and the record of those calls goes on the result.
     */
    public static AgentException modelFailure(AgentErrorCode code, String message, ModelGeneration generation) {
        return new AgentException(code, message, false, null, generation);
    }

    /** The record of the model calls that led to the failure, in LLM mode; null otherwise. */
    public ModelGeneration generation() {
        return generation;
    }

    public AgentErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
