package dev.gampplanner.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.schema.AgentResult;

/**
 * Plan latency at a low fixed rate, how much of it is above the slowest agent's own processing time, and how it divides
 * among the hops.
 */
final class OverheadPhase implements BenchPhase {

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        BenchRunner.Options options = bench.options();
        Load load = bench.load();
        for (int round = 1; round <= options.repeats(); round++) {
            bench.say("overhead %d/%d: %d plans/s for %s", round, options.repeats(), options.overheadRate(),
                Durations.format(options.overheadDuration()));
            try (HopClock clock = HopClock.start(bench.loadConfig())) {
                Load.Answers answers = load.paced(BenchRunner.documents(), options.overheadRate(), options.overheadDuration())
                    .requireAllComplete("overhead at " + options.overheadRate() + " plans/s");
                bench.report().latency(answers.latency(), overheads(bench, answers.roundTrips()));
                bench.report().hops(clock.hops(answers.byId().keySet()));
            }
        }
    }

    /** Round trip minus the slowest agent's own processing time (from the results' headers), per plan. */
    private static Percentiles overheads(Bench bench, Map<String, Long> roundTrips) throws InterruptedException {
        Map<String, Long> slowestAgent = new HashMap<>();
        for (LogRecord record : new AuditLog(bench.loadConfig()).everything(null)) {
            if (record.record() instanceof AgentResult && roundTrips.containsKey(record.key())) {
                long processing = Long.parseLong(record.headers().getOrDefault(GampHeaders.PROCESSING_MS, "0"));
                slowestAgent.merge(record.key(), processing, Math::max);
            }
        }
        List<Number> overheads = new ArrayList<>();
        roundTrips.forEach((id, total) -> overheads.add(Math.max(0, total - slowestAgent.getOrDefault(id, 0L))));
        return Percentiles.of(overheads);
    }
}
