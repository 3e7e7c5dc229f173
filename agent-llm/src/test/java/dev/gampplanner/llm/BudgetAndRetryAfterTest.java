package dev.gampplanner.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

/** When the agent stops calling the model, and how long a Retry-After asks it to wait. */
class BudgetAndRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theCallsEndAFifthBeforeTheBudgetAtMostASecondAndNeverPastTheDeadline() {
        assertThat(LlmMode.giveUpAt(NOW, Duration.ofSeconds(2), NOW.plusSeconds(60))).isEqualTo(NOW.plusMillis(1600));
        assertThat(LlmMode.giveUpAt(NOW, Duration.ofSeconds(60), NOW.plusSeconds(600))).isEqualTo(NOW.plusSeconds(59));
        assertThat(LlmMode.giveUpAt(NOW, Duration.ofSeconds(60), NOW.plusSeconds(10))).isEqualTo(NOW.plusSeconds(9));
        assertThat(LlmMode.giveUpAt(NOW, Duration.ofSeconds(60), NOW.minusSeconds(1))).isEqualTo(NOW);
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(ModelHttpClient.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ModelHttpClient.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(60).atZone(ZoneOffset.UTC));
        assertThat(ModelHttpClient.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(ModelHttpClient.retryAfter("Thu, 01 Jan 1970 00:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(ModelHttpClient.retryAfter("soon")).isNull();
    }
}
