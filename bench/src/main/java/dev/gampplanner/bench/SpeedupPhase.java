package dev.gampplanner.bench;

import java.util.ArrayList;
import java.util.List;

import dev.gampplanner.runtime.config.Durations;

/**
 * Whether the three agents work at the same time. The same one-requirement plan, one at a time on the same warm
 * fleet, alternately without the delay (L_0) and with every agent slowed by D (L_D): the delay adds L_D − L_0,
 * which is D when the agents overlap and 3·D when they run one after another, so speedup = 3·D / (L_D − L_0)
 * reads 3.0 for parallel agents and 1.0 for sequential ones, whatever the orchestration itself costs.
 */
final class SpeedupPhase implements BenchPhase {

    @Override
    public String name() {
        return "speedup";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        BenchRunner.Options options = bench.options();
        long delay = options.parallelDelay().toMillis();
        for (int round = 1; round <= options.repeats(); round++) {
            bench.say("parallel speedup %d/%d: %d plans with every agent slowed by %s, %d without", round, options.repeats(),
                options.parallelSamples(), Durations.format(options.parallelDelay()), options.parallelSamples());
            List<Long> baseline = new ArrayList<>();
            List<Long> delayed = new ArrayList<>();
            for (int i = 0; i < options.parallelSamples(); i++) {
                baseline.add(bench.load().single(BenchRunner.MINIMAL, "speedup baseline"));
                delayed.add(bench.load().single(BenchRunner.MINIMAL_DELAYED, "speedup with the delay"));
            }
            bench.report().parallel(delay, Percentiles.of(delayed).p50(), Percentiles.of(baseline).p50());
        }
    }
}
