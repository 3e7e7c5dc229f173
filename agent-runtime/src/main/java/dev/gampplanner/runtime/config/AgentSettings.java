package dev.gampplanner.runtime.config;

import java.time.Duration;

import dev.gampplanner.schema.AgentKind;

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

    /** The agent's settings: its own GAMP_<AGENT>_* variable where set, else the shared one. */
    static AgentSettings read(EnvironmentReader env, AgentKind agent) {
        return new AgentSettings(
            env.integer(EnvironmentReader.agentVariable(agent, Setting.WORKER_THREADS), Setting.WORKER_THREADS, 1, 256),
            env.integer(EnvironmentReader.agentVariable(agent, Setting.WORKER_MAX_POLL_RECORDS), Setting.WORKER_MAX_POLL_RECORDS,
                1, 10_000),
            env.duration(EnvironmentReader.agentVariable(agent, Setting.AGENT_TIME_BUDGET), Setting.AGENT_TIME_BUDGET,
                Duration.ofMillis(10), Duration.ofDays(1)),
            env.integer(EnvironmentReader.agentVariable(agent, Setting.AGENT_MAX_ATTEMPTS), Setting.AGENT_MAX_ATTEMPTS, 1, 100),
            env.duration(EnvironmentReader.agentVariable(agent, Setting.RETRY_BACKOFF), Setting.RETRY_BACKOFF,
                Duration.ZERO, Duration.ofHours(1)),
            env.duration(EnvironmentReader.agentVariable(agent, Setting.RETRY_BACKOFF_MAX), Setting.RETRY_BACKOFF_MAX,
                Duration.ZERO, Duration.ofHours(1)),
            env.duration(EnvironmentReader.agentVariable(agent, Setting.SHARE_LOCK_DURATION), Setting.SHARE_LOCK_DURATION,
                Duration.ofSeconds(1), Duration.ofHours(1)));
    }

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
