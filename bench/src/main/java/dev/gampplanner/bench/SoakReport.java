package dev.gampplanner.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.runtime.config.Durations;

/**
 * A soak: steady load for a long while, the fleet sampled at every interval, and per series whether it stayed
 * flat. A series that grows is a finding, not a failure; the soak fails only when a service died or an answer
 * never came ({@code failure}).
 *
 * @param submitted plans submitted
 * @param answered  plans answered (each counted once)
 * @param outcomes  every answer by outcome, the drain after the load included
 * @param failure   why the soak itself failed; null when it did not
 */
public record SoakReport(BenchRunner.SoakOptions options, List<SoakSample> samples, long submitted, long answered,
                         Map<String, Long> outcomes, String failure) {

    private static final List<String> STATUSES = List.of("COMPLETE", "PARTIAL", "FAILED", "REJECTED");

    /** A sampled series and its trend. */
    record Series(String name, Trend.Kind kind, Trend trend) {
    }

    public boolean failed() {
        return failure != null;
    }

    /** Every series with its trend over the samples after the warm-up: each service's RSS, each lag, p50 and p99. */
    List<Series> series() {
        List<Series> series = new ArrayList<>();
        keys(SoakSample::rssMb).forEach(service -> series.add(series("RSS " + service, Trend.Kind.RSS_MB,
            sample -> sample.rssMb().containsKey(service) ? sample.rssMb().get(service) : Double.NaN)));
        keys(SoakSample::lag).forEach(part -> series.add(series("lag " + part, Trend.Kind.LAG_RECORDS,
            sample -> sample.lag().getOrDefault(part, Double.NaN))));
        series.add(series("latency p50", Trend.Kind.LATENCY_MS, sample -> sample.latency().p50()));
        series.add(series("latency p99", Trend.Kind.LATENCY_MS, sample -> sample.latency().p99()));
        return series;
    }

    private Series series(String name, Trend.Kind kind, ToDoubleFunction<SoakSample> value) {
        List<Trend.Point> points = samples.stream().map(s -> new Trend.Point(s.minute(), value.applyAsDouble(s))).toList();
        return new Series(name, kind, Trend.of(kind, points, options.warmUpSamples()));
    }

    private Set<String> keys(Function<SoakSample, Map<String, ?>> map) {
        Set<String> keys = new LinkedHashSet<>();
        samples.forEach(sample -> keys.addAll(map.apply(sample).keySet()));
        return keys;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("\nSoak: ").append(options.rate()).append(" plans/s of the example URS documents for ")
            .append(Durations.format(options.duration())).append(", sampled every ").append(Durations.format(options.interval()))
            .append("; ").append(answered).append(" of ").append(submitted).append(" plans answered (")
            .append(outcomeList(outcomes)).append(").\n\n");
        Set<String> services = keys(SoakSample::rssMb);
        Set<String> lags = keys(SoakSample::lag);
        md.append("| Minute | Answers | ").append(String.join(" | ", STATUSES)).append(" | p50 | p99 |");
        services.forEach(service -> md.append(" RSS ").append(service).append(" |"));
        lags.forEach(part -> md.append(" Lag ").append(part).append(" |"));
        md.append('\n').append("|---".repeat(4 + STATUSES.size() + services.size() + lags.size())).append("|\n");
        for (SoakSample sample : samples) {
            md.append("| ").append(String.format(Locale.ROOT, "%.1f", sample.minute())).append(" | ").append(sample.answers());
            STATUSES.forEach(status -> md.append(" | ").append(sample.outcome(status)));
            md.append(" | ").append(number(sample.latency().p50(), " ms")).append(" | ").append(number(sample.latency().p99(), " ms"));
            services.forEach(service -> md.append(" | ").append(sample.rssMb().getOrDefault(service, -1L)).append(" MB"));
            lags.forEach(part -> md.append(" | ").append(number(sample.lag().getOrDefault(part, Double.NaN), "")));
            md.append(" |\n");
        }
        md.append("\nTrend per series: a least-squares line over the samples after the first ").append(options.warmUpSamples())
            .append(" (warm-up); a series grows when its slope passes the threshold and twice its standard error.\n\n")
            .append("| Series | Verdict | Slope per hour | Threshold per hour | Mean | Samples fitted |\n|---|---|---|---|---|---|\n");
        for (Series s : series()) {
            Trend t = s.trend();
            String unit = " " + s.kind().unit;
            md.append("| ").append(s.name()).append(" | ").append(t.verdict().label()).append(" | ")
                .append(Double.isNaN(t.slopePerHour()) ? "-" : String.format(Locale.ROOT, "%+.1f ± %.1f%s", t.slopePerHour(),
                    t.standardError(), unit))
                .append(" | ").append(number(t.thresholdPerHour(), unit)).append(" | ").append(number(t.mean(), unit))
                .append(" | ").append(t.fitted()).append(" |\n");
        }
        List<String> growing = series().stream().filter(s -> s.trend().verdict() == Trend.Verdict.GROWS).map(Series::name).toList();
        md.append('\n').append(growing.isEmpty() ? "Nothing grows." : "Grows: " + String.join(", ", growing)
            + " (a finding; the soak exits non-zero only when a service dies or answers are lost).").append('\n');
        if (failed()) {
            md.append("\n**The soak failed:** ").append(failure).append('\n');
        }
        return md.toString();
    }

    public ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("rate", options.rate()).put("durationSeconds", options.duration().toSeconds())
            .put("intervalSeconds", options.interval().toSeconds()).put("warmUpSamples", options.warmUpSamples())
            .put("submitted", submitted).put("answered", answered).put("failed", failed()).put("failure", failure);
        json.set("outcomes", mapper.valueToTree(outcomes));
        var rows = json.putArray("samples");
        for (SoakSample sample : samples) {
            ObjectNode row = rows.addObject().put("minute", sample.minute()).put("answers", sample.answers())
                .put("p50Ms", sample.latency().p50()).put("p99Ms", sample.latency().p99());
            row.set("outcomes", mapper.valueToTree(sample.outcomes()));
            row.set("rssMb", mapper.valueToTree(sample.rssMb()));
            ObjectNode lag = row.putObject("lag");
            sample.lag().forEach(lag::put);
        }
        ObjectNode trends = json.putObject("trends");
        for (Series s : series()) {
            Trend t = s.trend();
            trends.putObject(s.name()).put("verdict", t.verdict().label()).put("unit", s.kind().unit)
                .put("slopePerHour", t.slopePerHour()).put("standardErrorPerHour", t.standardError())
                .put("thresholdPerHour", t.thresholdPerHour()).put("mean", t.mean()).put("fitted", t.fitted());
        }
        return json;
    }

    private static String outcomeList(Map<String, Long> outcomes) {
        StringBuilder list = new StringBuilder();
        outcomes.forEach((status, count) -> list.append(list.length() == 0 ? "" : ", ").append(count).append(' ').append(status));
        return list.length() == 0 ? "none" : list.toString();
    }

    private static String number(double value, String unit) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f%s", value, unit);
    }
}
