package dev.gampplanner.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.gampplanner.runtime.config.AgentSettings;

/** Which failed attempts go back to the share group, and after how long. */
class RetryPolicyTest {

    private static final AgentSettings SETTINGS = new AgentSettings(1, 10, Duration.ofSeconds(30), 3, Duration.ofMillis(100),
        Duration.ofMillis(300), Duration.ofSeconds(30));
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final AgentOutcome.Failure TRANSIENT = new AgentOutcome.Failure(AgentErrorCode.UPSTREAM_UNAVAILABLE, "down", true);

    @Test
    void aTransientFailureIsRetriedWithABackoffThatDoublesUpToItsCeiling() {
        assertThat(RetryPolicy.retryAfter(TRANSIENT, 1, SETTINGS, NOW, LATER)).contains(Duration.ofMillis(100));
        assertThat(RetryPolicy.retryAfter(TRANSIENT, 2, SETTINGS, NOW, LATER)).contains(Duration.ofMillis(200));
    }

    @Test
    void theLastAttemptIsAnsweredFailed() {
        assertThat(RetryPolicy.retryAfter(TRANSIENT, 3, SETTINGS, NOW, LATER)).isEmpty();
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        AgentOutcome.Failure permanent = new AgentOutcome.Failure(AgentErrorCode.NO_REQUIREMENTS, "nothing", false);
        assertThat(RetryPolicy.retryAfter(permanent, 1, SETTINGS, NOW, LATER)).isEmpty();
    }

    @Test
    void noRetryThatCouldOnlyBeginAfterThePlansDeadline() {
        assertThat(RetryPolicy.retryAfter(TRANSIENT, 1, SETTINGS, NOW, NOW.plusMillis(100))).isEmpty();
        assertThat(RetryPolicy.retryAfter(TRANSIENT, 1, SETTINGS, NOW, NOW.plusMillis(101))).contains(Duration.ofMillis(100));
    }
}
