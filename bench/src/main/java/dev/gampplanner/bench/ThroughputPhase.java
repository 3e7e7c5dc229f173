package dev.gampplanner.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.Setting;

/**
 * The highest sustained rate of COMPLETE plans with p99 under a second: offered rates in turn until one is not
 * fully answered COMPLETE in time or its p99 passes a second, then the rate halfway between that one and the last
 * sustained (the steps widen as they rise, 80 to 120 plans/s at the ceiling); then the highest sustained rate again
 * until it was run {@link BenchRunner.Options#repeats()} times. For the example documents with the context agent's
 * embedding cache warm (the warm-up filled it with every example requirement) and off (every requirement embedded, as
 * a URS never seen before), and for the one-requirement URS: the orchestration's own ceiling.
 */
final class ThroughputPhase implements BenchPhase {

    private static final Duration LATENCY_LIMIT = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "throughput";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        search(bench, BenchReport.EXAMPLES, BenchRunner.documents(), "throughputPlansPerSec");
        search(bench, BenchReport.ONE_REQUIREMENT, List.of(BenchRunner.MINIMAL), "orchestrationThroughputPlansPerSec");
        bench.say("throughput: restarting the context agent with its embedding cache off");
        bench.restart("context", bench.loadConfig().with(Setting.CONTEXT_EMBEDDING_CACHE_SIZE, "0"));
        search(bench, BenchReport.EXAMPLES_COLD, BenchRunner.documents(), "throughputColdPlansPerSec");
        bench.restart("context", bench.loadConfig());
    }

    private static void search(Bench bench, String urs, List<UrsFile> documents, String figure) throws InterruptedException {
        BenchRunner.Options options = bench.options();
        int held = 0;
        for (int rate : options.throughputRates()) {
            if (!step(bench, urs, documents, rate)) {
                int between = (held + rate) / 2;
                if (held > 0 && between > held) {
                    step(bench, urs, documents, between);
                }
                break;
            }
            held = rate;
        }
        int sustained = bench.report().sustainedRate(urs);
        if (sustained == 0) {
            bench.report().figure(figure, 0);
            return;
        }
        for (int run = 2; run <= options.repeats(); run++) {
            step(bench, urs, documents, sustained);
        }
        bench.report().steps(urs, sustained).forEach(step -> bench.report().figure(figure, step.achieved()));
    }

    /** Whether the rate was sustained. */
    private static boolean step(Bench bench, String urs, List<UrsFile> documents, int rate) throws InterruptedException {
        Duration duration = bench.options().stepDuration();
        bench.say("throughput (%s): offering %d plans/s for %s", urs, rate, Durations.format(duration));
        ServiceFleet fleet = bench.fleet().services();
        Map<String, Duration> before = fleet.cpuTimes();
        Load.Answers answers = bench.load().paced(documents, rate, duration);
        bench.report().step(urs, rate, answers, CpuPerPlan.between(before, fleet.cpuTimes(), answers.complete()));
        return answers.allComplete() && answers.latency().p99() < LATENCY_LIMIT.toMillis();
    }
}
