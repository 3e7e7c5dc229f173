package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.gampplanner.runtime.config.AgentSettings;

/**
 * Whether a failed attempt goes back to the share group for another try or is answered FAILED now. Only a transient
 * failure is retried, only while attempts remain, and only if the retry can begin before the plan's deadline: a
 * retry after it would answer a plan the aggregator has already closed.
 */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /** The backoff to wait before releasing the request for another attempt, or empty when it is answered FAILED now. */
    static Optional<Duration> retryAfter(AgentOutcome.Failure failure, int attempt, AgentSettings settings, Instant now,
                                         Instant deadline) {
        Duration backoff = settings.backoffAfter(attempt);
        boolean retry = failure.retryable() && attempt < settings.maxAttempts() && now.plus(backoff).isBefore(deadline);
        return retry ? Optional.of(backoff) : Optional.empty();
    }
}
