package dev.gampplanner.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PlanFilterTest {

    private static final PlanRow ROW = new PlanRow("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "URS-014.md", "COMPLETE", "5",
        "system test", Instant.parse("2026-11-25T08:30:00Z"), 3400L, 0);

    @Test
    void anEmptySearchMatchesEveryPlan() {
        assertThat(PlanFilter.of(Map.of()).matches(ROW)).isTrue();
    }

    @Test
    void searchesByPartOfTheCorrelationIdOrSourceStatusAndDay() {
        assertThat(PlanFilter.of(Map.of("q", "0F1E2D")).matches(ROW)).isTrue();
        assertThat(PlanFilter.of(Map.of("q", "urs-014")).matches(ROW)).isTrue();
        assertThat(PlanFilter.of(Map.of("q", "URS-015")).matches(ROW)).isFalse();
        assertThat(PlanFilter.of(Map.of("status", "complete")).matches(ROW)).isTrue();
        assertThat(PlanFilter.of(Map.of("status", "REJECTED")).matches(ROW)).isFalse();
        assertThat(PlanFilter.of(Map.of("date", "2026-11-25")).matches(ROW)).isTrue();
        assertThat(PlanFilter.of(Map.of("date", "2026-11-26")).matches(ROW)).isFalse();
    }

    @Test
    void aDayThatIsNotADayIsABadRequest() {
        assertThatThrownBy(() -> PlanFilter.of(Map.of("date", "yesterday")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'yesterday' is not a day");
    }
}
