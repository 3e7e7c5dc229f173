package dev.gampplanner.bench;

import java.time.Duration;
import java.util.List;

import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.Durations;

/**
 * The highest sustained rate with p99 under a second: offered rates in turn until one is not fully answered
 * in time, for the example documents and for the one-requirement URS (the orchestration's own ceiling).
 */
final class ThroughputPhase implements BenchPhase {

    private static final Duration LATENCY_LIMIT = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "throughput";
    }

    @Override
    public void run(Bench bench) {
        BenchRunner.Options options = bench.options();
        for (List<UrsFile> load : List.of(BenchRunner.documents(), List.of(BenchRunner.MINIMAL))) {
            boolean minimal = load.size() == 1;
            for (int rate : options.throughputRates()) {
                bench.say("throughput%s: offering %d plans/s for %s", minimal ? " (one-requirement URS)" : "", rate,
                    Durations.format(options.stepDuration()));
                Load.Step step = bench.load().paced(load, rate, options.stepDuration());
                Percentiles latency = Percentiles.of(step.roundTrips().values());
                bench.report().step(minimal, rate, step.achievedRate(), latency, step.complete());
                if (!step.complete() || latency.p99() >= LATENCY_LIMIT.toMillis()) {
                    break;
                }
            }
        }
    }
}
