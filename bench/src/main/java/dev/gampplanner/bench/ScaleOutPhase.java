package dev.gampplanner.bench;

import java.util.List;
import java.util.Map;

import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;

/**
 * One slowed agent (SME, every request) scaled by worker threads: COMPLETE plans a second at each worker count,
 * from a burst of {@link BenchRunner.Options#plansPerWorker()} plans a worker.
 */
final class ScaleOutPhase implements BenchPhase {

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        BenchRunner.Options options = bench.options();
        Map<String, String> slowSme = Map.of(AgentDelays.variable(AgentKind.SME), Durations.format(options.scaleDelay()),
            AgentDelays.SOURCE, "");
        for (int workers : options.workerCounts()) {
            bench.say("scale-out: SME agent slowed by %s with %d worker thread(s)", Durations.format(options.scaleDelay()), workers);
            GampConfig scaled = bench.loadConfig().with(slowSme).with(Map.of("GAMP_SME_WORKER_THREADS", String.valueOf(workers)));
            bench.restart("sme", scaled);
            int plans = options.plansPerWorker() * workers;
            Load.Answers answers = bench.load().burst(List.of(BenchRunner.MINIMAL), plans)
                .requireAllComplete("scale-out with " + workers + " worker(s)");
            bench.report().scale(workers, answers.rate());
        }
        bench.restart("sme", bench.loadConfig());
    }
}
