package dev.gampplanner.planner.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeadlineLeadTest {

    @Test
    void aPlanAloneStartsOneCloseBeforeItsDeadline() {
        DeadlineLead lead = new DeadlineLead(5_000);
        lead.measured(10, 100_000_000);
        // 10 ms a close, measured once: the estimate moves a fifth of the way from 5 ms, counted half again.
        assertThat(lead.latestStarts(List.of(60_000L))).containsExactly(60_000L - Math.round(6.0 * 1.5));
    }

    @Test
    void plansFallingDueTogetherStartOneCloseApartSoTheLastEndsByItsDeadline() {
        DeadlineLead lead = new DeadlineLead(5_000);
        lead.measured(1, 10_000_000);
        long cost = Math.round((5.0 + 0.2 * (10 - 5.0)) * 1.5);
        assertThat(lead.latestStarts(List.of(1_000L, 1_000L, 1_000L, 9_000L)))
            .containsExactly(1_000 - 3 * cost, 1_000 - 2 * cost, 1_000 - cost, 9_000 - cost);
    }

    @Test
    void noStartIsEarlierThanTheMaxLead() {
        DeadlineLead lead = new DeadlineLead(100);
        long[] starts = lead.latestStarts(Collections.nCopies(1_000, 10_000L));
        assertThat(Arrays.stream(starts).min().orElseThrow()).isEqualTo(10_000L - 100);
        assertThat(starts).isSorted().endsWith(10_000L - 8);
    }

    @Test
    void withoutALeadEveryPlanStartsAtItsDeadline() {
        assertThat(new DeadlineLead(0).latestStarts(List.of(5L, 5L, 7L))).containsExactly(5L, 5L, 7L);
    }
}
