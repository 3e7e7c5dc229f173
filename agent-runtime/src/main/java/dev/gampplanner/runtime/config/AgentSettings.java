package dev.gampplanner.runtime.config;

import java.time.Duration;

/**
 * How one agent service runs.
 *
 * @param workerThreads threads, each with its own share consumer
 * @param maxPollRecords most requests a worker takes at once
 * @param timeBudget longest one request may take
 * @param maxAttempts deliveries before a transient failure becomes a FAILED result
 * @param retryBackoff wait before the first retry; doubles per attempt up to {@code retryBackoffMax}
 * @param lockDuration share-group acquisition lock
 */
public record AgentSettings(int workerThreads, int maxPollRecords, Duration timeBudget, int maxAttempts,
                            Duration retryBackoff, Duration retryBackoffMax, Duration lockDuration) {

    /** Backoff before releasing a request whose attempt {@code attempt} (1-based) failed transiently. */
    public Duration backoffAfter(int attempt) {
        long millis = retryBackoff.toMillis();
        for (int i = 1; i < attempt && millis < retryBackoffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, retryBackoffMax.toMillis()));
    }

    public AgentSettings withWorkerThreads(int threads) {
        return new AgentSettings(threads, maxPollRecords, timeBudget, maxAttempts, retryBackoff, retryBackoffMax,
            lockDuration);
    }
}
