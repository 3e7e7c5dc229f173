package dev.gampplanner.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.runtime.config.GampConfig;

/**
 * What every phase works with: the options, the report being written, progress output, and the fleet
 * of services under load, started when the first phase asks for it and shared by the phases after.
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
    private ServiceFleet fleet;
    private PlanDesk desk;
    private Load load;

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

    GampConfig base() {
        return base;
    }

    /** A fresh topic namespace on the benchmark's broker, so no phase reads another's records. */
    GampConfig namespace(String name) {
        return base.with(Map.of("GAMP_TOPIC_PREFIX", base.topics().prefix() + name + "-" + System.currentTimeMillis() + "."));
    }

    /** The configuration the fleet under load was started with. */
    GampConfig loadConfig() {
        fleet();
        return loadConfig;
    }

    ServiceFleet fleet() {
        if (fleet == null) {
            loadConfig = namespace("bench-load");
            say("starting the services (%s)", options.inProcess() ? "in this process" : "one process each");
            fleet = new ServiceFleet(loadConfig, options.inProcess() ? services : null, logDir).start();
            desk = new PlanDesk(loadConfig);
            load = new Load(desk, fleet);
            say("warming up: %d plans", BenchRunner.documents().size() + WARM_UP_MINIMAL);
            load.burst(BenchRunner.documents(), BenchRunner.documents().size());
            load.burst(List.of(BenchRunner.MINIMAL), WARM_UP_MINIMAL);
        }
        return fleet;
    }

    Load load() {
        fleet();
        return load;
    }

    void say(String format, Object... args) {
        progress.printf("gamp bench: " + format + "%n", args);
        progress.flush();
    }

    @Override
    public void close() {
        if (desk != null) {
            desk.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }
}
