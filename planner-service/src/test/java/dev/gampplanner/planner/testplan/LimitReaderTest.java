package dev.gampplanner.planner.testplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gampplanner.planner.testplan.Limit.Bound;

class LimitReaderTest {

    private static Limit only(String text) {
        List<Limit> limits = LimitReader.read(text);
        assertThat(limits).as(text).hasSize(1);
        return limits.get(0);
    }

    @Test
    void aToleranceIsChallengedOneResolutionStepEitherSideOfItsValue() {
        Limit limit = only("The system shall generate alerts when temperature deviates ±2°C from setpoint.");
        assertThat(limit.bound()).isEqualTo(Bound.TOLERANCE);
        assertThat(limit.cases()).extracting(Limit.Case::value)
            .containsExactly("set point +1.9 °C", "set point +2.0 °C", "set point +2.1 °C", "set point -2.1 °C");
        assertThat(limit.cases().get(1).expected()).contains("does not say");
    }

    @Test
    void aMaximumKeepsItsUnitAndAStrictLimitRefusesItsOwnValue() {
        Limit latency = only("Real-time data collection with maximum 2-second latency.");
        assertThat(latency.bound()).isEqualTo(Bound.MAXIMUM);
        assertThat(latency.stated()).isEqualTo("2 seconds");
        Limit strict = only("System latency per scan < 100 ms.");
        assertThat(strict.strict()).isTrue();
        assertThat(strict.cases()).extracting(Limit.Case::value).containsExactly("99 ms", "100 ms", "101 ms");
        assertThat(strict.cases().get(1).expected()).startsWith("outside the limit");
        assertThat(only("Temperature readings shall be recorded at intervals not exceeding 5 minutes.").comparison())
            .isEqualTo("≤ 5 minutes");
    }

    @Test
    void aMinimumCapacityIsShownAtItsValueAndNotRefusedBeyondIt() {
        Limit capacity = only("System shall process 100 concurrent batch records.");
        assertThat(capacity.bound()).isEqualTo(Bound.MINIMUM);
        assertThat(capacity.cases().get(2).expected()).startsWith("not required").doesNotContain("refused");
        assertThat(only("Sample throughput shall support 500 samples per day.").stated()).isEqualTo("500 samples per day");
        assertThat(only("Data shall be retained for 7 years using vendor's archival feature.").challengeable()).isFalse();
    }

    @Test
    void aRangeAndAFieldLengthGiveTheirValuesAtInsideAndBeyondBothEnds() {
        Limit range = LimitReader.read("Temperature range: -80°C to +50°C with accuracy of ±0.5°C.").get(0);
        assertThat(range.bound()).isEqualTo(Bound.RANGE);
        assertThat(range.cases()).extracting(Limit.Case::value)
            .containsExactly("-80.1 °C", "-80.0 °C", "-79.9 °C", "49.9 °C", "50.0 °C", "50.1 °C");
        Limit length = only("Batch number (alphanumeric, 10 characters)");
        assertThat(length.cases()).extracting(Limit.Case::value).containsExactly("9 characters", "10 characters", "11 characters");
    }

    @Test
    void wordsWithoutAUnitOrAComparisonAreNoLimit() {
        assertThat(LimitReader.read("Configure electronic worksheets for 15 different analytical methods.")).isEmpty();
        assertThat(LimitReader.read("Develop custom interfaces for 12 different equipment types")).isEmpty();
    }
}
