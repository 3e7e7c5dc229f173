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

/** Plan latency at a low fixed rate, and how much of it is above the slowest agent's own processing time. */
final class OverheadPhase implements BenchPhase {

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public void run(Bench bench) {
        BenchRunner.Options options = bench.options();
        Load load = bench.load();
        bench.say("overhead: %d plans/s for %s", options.overheadRate(), Durations.format(options.overheadDuration()));
        Map<String, Long> roundTrips = load.paced(BenchRunner.documents(), options.overheadRate(), options.overheadDuration())
            .roundTrips();
        bench.report().latency(Percentiles.of(roundTrips.values()), overheads(bench, roundTrips));
    }

    /** Round trip minus the slowest agent's own processing time (from the results' headers), per plan. */
    private static Percentiles overheads(Bench bench, Map<String, Long> roundTrips) {
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
