package dev.gampplanner.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;

/**
 * What every phase works with: the options, the report being written, progress output, and the fleet of
 * services under load, started when the first phase asks for it and shared by the phases after. The fleet's
 * agents are slowed by the parallel delay only for {@link BenchRunner#MINIMAL_DELAYED}, so the speedup compares
 * the same plan with and without the delay on the same warm fleet.
 */
final class Bench implements AutoCloseable {

    private static final int WARM_UP_MINIMAL = 10;

    private final GampConfig base;
    private final BenchRunner.Options options;
    private final BenchReport.Builder report;
    private final InProcessServices services;
    private final PrintWriter progress;
    private final Path logDir;
    private GampConfig loadConfig;
    private Fleet fleet;

    /** Services under load, the desk that submits to them, and the load generator over both. */
    record Fleet(ServiceFleet services, PlanDesk desk, Load load) implements AutoCloseable {
        @Override
        public void close() {
            desk.close();
            services.close();
        }
    }

    Bench(GampConfig base, BenchRunner.Options options, InProcessServices services, PrintWriter progress, Path logDir) {
        this.base = base;
        this.options = options;
        this.report = new BenchReport.Builder(options);
        this.services = services;
        this.progress = progress;
        this.logDir = logDir;
    }

    BenchRunner.Options options() {
        return options;
    }

    BenchReport.Builder report() {
        return report;
    }

    /** A fresh topic namespace on the benchmark's broker, so no phase reads another's records. */
    GampConfig namespace(String name) {
        return base.with(Map.of("GAMP_TOPIC_PREFIX", base.topics().prefix() + name + "-" + System.currentTimeMillis() + "."));
    }

    /** The configuration the shared fleet was started with. */
    GampConfig loadConfig() throws InterruptedException {
        fleet();
        return loadConfig;
    }

    /** The shared fleet, started and warmed up on first use. */
    Fleet fleet() throws InterruptedException {
        if (fleet == null) {
            loadConfig = namespace("bench-load").with(Map.of(AgentDelays.ALL, Durations.format(options.parallelDelay()),
                AgentDelays.SOURCE, BenchRunner.MINIMAL_DELAYED.name()));
            fleet = start(loadConfig);
            report.ready(fleet.services().readySeconds(), fleet.services().fromArchive(), fleet.services().relaunches());
            say("warming up: %d plans", BenchRunner.documents().size() + WARM_UP_MINIMAL);
            fleet.load().burst(BenchRunner.documents(), BenchRunner.documents().size());
            warmUp(fleet);
        }
        return fleet;
    }

    Load load() throws InterruptedException {
        return fleet().load();
    }

    /** A fleet of its own, started and ready (every agent worker assigned its share), for a phase that needs other settings. */
    Fleet start(GampConfig config) throws InterruptedException {
        say("starting the services (%s)", options.inProcess() ? "in this process" : "one process each");
        ServiceFleet started = new ServiceFleet(config, options.inProcess() ? services : null, logDir);
        try {
            started.start();
        } catch (RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        say("ready: %s%s", started.readySeconds(), started.relaunches() == 0 ? ""
            : " (" + started.relaunches() + " launched again after exiting while starting)");
        PlanDesk desk = new PlanDesk(config);
        return new Fleet(started, desk, new Load(desk, started));
    }

    /** Restarts one service of the shared fleet with other settings; waits until it is ready and has answered plans. */
    void restart(String service, GampConfig changed) throws InterruptedException {
        fleet().services().restart(service, changed);
        warmUp(fleet);
    }

    /** A few plans through every hop, so the first measured plan finds every client connected. */
    void warmUp(Fleet target) {
        target.load().burst(List.of(BenchRunner.MINIMAL), WARM_UP_MINIMAL);
    }

    void say(String format, Object... args) {
        progress.printf("gamp bench: " + format + "%n", args);
        progress.flush();
    }

    /** Plans answered other than COMPLETE by the shared fleet so far. */
    long notComplete() {
        return fleet == null ? 0 : fleet.load().notComplete();
    }

    @Override
    public void close() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
