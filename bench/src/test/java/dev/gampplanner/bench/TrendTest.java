package dev.gampplanner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class TrendTest {

    /** Thirty one-minute samples of {@code value}. */
    private static List<Trend.Point> minutes(IntToDoubleFunction value) {
        List<Trend.Point> points = new ArrayList<>();
        for (int minute = 1; minute <= 30; minute++) {
            points.add(new Trend.Point(minute, value.applyAsDouble(minute)));
        }
        return points;
    }

    @Test
    void aSteadyLeakIsFoundWithItsSlopePerHour() {
        // 200 MB growing 0.5 MB a minute: 30 MB an hour, past the 10 MB floor and 5 % of 200 MB.
        Trend trend = Trend.of(Trend.Kind.RSS_MB, minutes(minute -> 200 + 0.5 * minute), 3);

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.GROWS);
        assertThat(trend.slopePerHour()).isCloseTo(30, within(1e-9));
        assertThat(trend.standardError()).isCloseTo(0, within(1e-9));
        assertThat(trend.fitted()).isEqualTo(27);
        assertThat(trend.thresholdPerHour()).isCloseTo(Math.max(10, 0.05 * trend.mean()), within(1e-9));
    }

    @Test
    void growthOnlyDuringTheWarmUpIsFlat() {
        // A heap sized up in the first three minutes, then level.
        Trend trend = Trend.of(Trend.Kind.RSS_MB, minutes(minute -> minute <= 3 ? 100 + 40 * minute : 220), 3);

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(trend.slopePerHour()).isCloseTo(0, within(1e-9));
        assertThat(trend.mean()).isCloseTo(220, within(1e-9));
    }

    @Test
    void aSlopeBelowTheThresholdIsFlat() {
        // 240 MB growing 5 MB an hour: under the 12 MB (5 % of 240) an hour that counts.
        Trend trend = Trend.of(Trend.Kind.RSS_MB, minutes(minute -> 240 + 5.0 / 60 * minute), 3);

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(trend.slopePerHour()).isCloseTo(5, within(1e-9));
        assertThat(trend.thresholdPerHour()).isCloseTo(0.05 * trend.mean(), within(1e-9));
    }

    @Test
    void noiseWhoseLineHappensToRiseIsNotGrowth() {
        // Lag jumping between 0 and 400 records at random: a fitted slope can pass 600 an hour by chance, but not twice
        // its standard error.
        Random random = new Random(7);
        List<Trend.Point> noise = minutes(minute -> random.nextInt(2) * 400);
        Trend trend = Trend.of(Trend.Kind.LAG_RECORDS, noise, 3);

        assertThat(trend.slopePerHour()).isLessThan(2 * trend.standardError());
        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
    }

    @Test
    void aBacklogGrowingThroughNoiseIsFound() {
        Random random = new Random(7);
        // 30 records more every minute (1,800 an hour) under ±20 of noise.
        Trend trend = Trend.of(Trend.Kind.LAG_RECORDS, minutes(minute -> 30 * minute + random.nextInt(41) - 20), 3);

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.GROWS);
        assertThat(trend.slopePerHour()).isCloseTo(1800, within(60.0));
    }

    @Test
    void fallingIsNotGrowing() {
        Trend trend = Trend.of(Trend.Kind.LATENCY_MS, minutes(minute -> 900 - 10 * minute), 3);

        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(trend.slopePerHour()).isCloseTo(-600, within(1e-9));
    }

    @Test
    void tooFewSamplesAfterTheWarmUpDecideNothing() {
        List<Trend.Point> five = minutes(minute -> minute * 100.0).subList(0, 5);

        assertThat(Trend.of(Trend.Kind.LATENCY_MS, five, 3).verdict()).isEqualTo(Trend.Verdict.UNDECIDED);
        assertThat(Trend.of(Trend.Kind.LATENCY_MS, five, 2).verdict()).isEqualTo(Trend.Verdict.GROWS);
    }

    @Test
    void unmeasuredSamplesAreLeftOut() {
        List<Trend.Point> points = minutes(minute -> minute % 2 == 0 ? Double.NaN : 50);
        Trend trend = Trend.of(Trend.Kind.LAG_RECORDS, points, 0);

        assertThat(trend.fitted()).isEqualTo(15);
        assertThat(trend.verdict()).isEqualTo(Trend.Verdict.FLAT);
        assertThat(trend.mean()).isEqualTo(50);
    }

    @Test
    void theReportGivesEverySeriesAVerdictAndTheTable() {
        BenchRunner.SoakOptions options = new BenchRunner.SoakOptions(Duration.ofMinutes(6), 2, Duration.ofMinutes(1), 1);
        List<SoakSample> samples = new ArrayList<>();
        for (int minute = 1; minute <= 6; minute++) {
            double latency = 100.0 * minute;
            samples.add(new SoakSample(minute, Map.of("sme", 150L + 20 * minute), Map.of("sme share group", 3.0),
                new Percentiles(1, latency, latency, latency), Map.of("REJECTED", 1)));
        }
        SoakReport report = new SoakReport(options, samples, 6, 6, Map.of("REJECTED", 6L), null);

        JsonNode trends = report.json().get("trends");
        assertThat(trends.get("RSS sme").get("verdict").asText()).isEqualTo("grows");
        assertThat(trends.get("RSS sme").get("slopePerHour").asDouble()).isCloseTo(1200, within(1e-6));
        assertThat(trends.get("lag sme share group").get("verdict").asText()).isEqualTo("flat");
        assertThat(trends.get("latency p99").get("verdict").asText()).isEqualTo("grows");
        assertThat(report.json().get("samples")).hasSize(6);
        assertThat(report.json().get("samples").get(0).get("outcomes").get("REJECTED").asInt()).isEqualTo(1);
        assertThat(report.failed()).isFalse();
        assertThat(report.markdown()).contains("| 6.0 | 1 | 0 | 0 | 0 | 1 | 600 ms | 600 ms | 270 MB | 3 |",
            "| RSS sme | grows | +1200.0 ± 0.0 MB |", "Grows: RSS sme, latency p50, latency p99");
    }
}
