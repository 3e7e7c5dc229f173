package dev.gampplanner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;

/** Whether the three agents work at the same time: every agent slowed by the same delay, one plan at a time. */
final class SpeedupPhase implements BenchPhase {

    @Override
    public String name() {
        return "speedup";
    }

    @Override
    public void run(Bench bench) {
        BenchRunner.Options options = bench.options();
        GampConfig slow = bench.loadConfig().with(Map.of(AgentDelays.ALL, Durations.format(options.parallelDelay())));
        bench.say("parallel speedup: every agent slowed by %s", Durations.format(options.parallelDelay()));
        for (String agent : ServiceFleet.AGENTS) {
            bench.fleet().restart(agent, slow);
        }
        // One-requirement documents: the agents' own work is then the injected delay, not document analysis.
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < options.parallelPlans(); i++) {
            latencies.addAll(bench.load().burst(List.of(BenchRunner.MINIMAL), 1).values());
        }
        bench.report().parallel(options.parallelDelay(), Percentiles.of(latencies));
        for (String agent : ServiceFleet.AGENTS) {
            bench.fleet().restart(agent, bench.loadConfig());
        }
    }
}
