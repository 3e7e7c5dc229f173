package dev.gampplanner.runtime.agent;

/**
 * A failure an agent can name. Transient failures (a model endpoint that timed out, a dependency
 * that is restarting) are retried with backoff; permanent ones become a FAILED result at once.
 */
public final class AgentException extends Exception {

    private final String code;
    private final boolean retryable;

    private AgentException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public static AgentException transientFailure(String code, String message, Throwable cause) {
        return new AgentException(code, message, true, cause);
    }

    public static AgentException permanentFailure(String code, String message) {
        return new AgentException(code, message, false, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
