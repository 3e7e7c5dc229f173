package dev.gampplanner.bench;

import java.util.List;
import java.util.Map;

import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.schema.AgentKind;

/** One slowed agent (SME) scaled by worker threads: plans a second at each worker count. */
final class ScaleOutPhase implements BenchPhase {

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public void run(Bench bench) {
        BenchRunner.Options options = bench.options();
        Map<String, String> slowSme = Map.of(AgentDelays.variable(AgentKind.SME), Durations.format(options.scaleDelay()));
        for (int workers : options.workerCounts()) {
            bench.say("scale-out: SME agent slowed by %s with %d worker thread(s)", Durations.format(options.scaleDelay()), workers);
            bench.fleet().restart("sme", bench.loadConfig().with(slowSme)
                .with(Map.of("GAMP_SME_WORKER_THREADS", String.valueOf(workers))));
            // A restarted worker's share consumer gets its assignment a heartbeat or so after start; that wait is
            // start-up, not throughput.
            bench.load().burst(List.of(BenchRunner.MINIMAL), 2 * workers);
            int plans = options.plansPerWorker() * workers;
            long started = System.nanoTime();
            bench.load().burst(List.of(BenchRunner.MINIMAL), plans);
            bench.report().scale(workers, plans / ((System.nanoTime() - started) / 1e9));
        }
        bench.fleet().restart("sme", bench.loadConfig());
    }
}
