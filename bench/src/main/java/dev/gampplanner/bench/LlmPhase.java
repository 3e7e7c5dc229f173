package dev.gampplanner.bench;

import java.util.List;
import java.util.Map;

import dev.gampplanner.llm.testing.OpenAiProtocolServer;
import dev.gampplanner.llm.testing.OpenAiProtocolServer.Reply;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.schema.AgentKind;

/**
 * Agents bound by a slow model: every agent in LLM mode against an OpenAI-protocol server that answers each call
 * after the same delay, at each worker count (GAMP_WORKER_THREADS and GAMP_LLM_CONCURRENCY, so that many workers and
 * model calls in flight for each agent).
 * One plan holds a worker of each agent for the delay, so N workers answer at most N / delay plans a second;
 * the benchmark's topics have one partition, so every worker past the first is the share group's doing.
 */
final class LlmPhase implements BenchPhase {

    private static final String MODEL = "bench-protocol-model";

    private final BenchRunner.LlmOptions run;

    LlmPhase(BenchRunner.LlmOptions run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        GampConfig base = bench.namespace("bench-llm");
        Bench.Fleet fleet = null;
        try {
            for (int workers : run.workerCounts()) {
                try (OpenAiProtocolServer model = OpenAiProtocolServer.start()) {
                    for (AgentKind agent : AgentKind.values()) {
                        model.script(agent, Reply.good().after(run.delay()));
                    }
                    GampConfig config = base.with(settings(model, workers));
                    if (fleet == null) {
                        fleet = bench.start(config);
                    } else {
                        for (String agent : ServiceFleet.AGENTS) {
                            fleet.services().restart(agent, config);
                        }
                    }
                    bench.warmUp(fleet);
                    int plans = run.plansPerWorker() * workers;
                    bench.say("llm: %d plans, every agent with %d workers and a model answering after %s", plans, workers,
                        Durations.format(run.delay()));
                    Load.Answers answers = fleet.load().burst(List.of(BenchRunner.MINIMAL), plans)
                        .requireAllComplete("LLM-bound with " + workers + " workers");
                    bench.report().llm(new BenchReport.LlmStep(workers, plans, answers.rate(),
                        workers / (run.delay().toMillis() / 1000.0), answers.latency(), model.maxInFlight()));
                }
            }
        } finally {
            if (fleet != null) {
                bench.report().notComplete(fleet.load().notComplete());
                fleet.close();
            }
        }
    }

    /** Every agent alike: the settings without an agent's name apply to all three. */
    private static Map<String, String> settings(OpenAiProtocolServer model, int workers) {
        return Map.of(Setting.MODE.variable(), "llm", Setting.LLM_BASE_URL.variable(), model.baseUrl(),
            Setting.LLM_MODEL.variable(), MODEL, Setting.WORKER_THREADS.variable(), String.valueOf(workers),
            Setting.LLM_CONCURRENCY.variable(), String.valueOf(workers));
    }
}
