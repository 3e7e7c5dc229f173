package dev.gampplanner.runtime.agent;

/**
 * A failure an agent can name. Transient failures (a model endpoint that timed out, a dependency
 * that is restarting) are retried with backoff; permanent ones become a FAILED result at once.
 */
public final class AgentException extends Exception {

    private final AgentErrorCode code;
    private final boolean retryable;

    private AgentException(AgentErrorCode code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public static AgentException transientFailure(AgentErrorCode code, String message, Throwable cause) {
        return new AgentException(code, message, true, cause);
    }

    public static AgentException permanentFailure(AgentErrorCode code, String message) {
        return new AgentException(code, message, false, null);
    }

    public AgentErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
