package dev.gampplanner.cli.command;

import java.util.List;
import java.util.concurrent.Callable;

import dev.gampplanner.bench.AgentDelays;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gamp serve} for the benchmark and the fault tests: the agents slowed by the delays of
 * {@link AgentDelays} in the environment, so that overlap and redelivery can be measured.
 * Hidden: nothing in production runs it.
 */
@Command(name = "bench-serve", hidden = true, description = "Runs services with agents slowed by BENCH_AGENT_DELAY.")
public final class BenchServeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", arity = "1..*")
    List<String> services;

    @Override
    public Integer call() {
        GampConfig config = Environment.connectedConfig();
        startInProcess(config, services).runUntilShutdown();
        return 0;
    }

    /** The services, started in this process with their agents slowed as {@code config}'s environment says. */
    public static ServiceHost startInProcess(GampConfig config, String service) {
        return startInProcess(config, List.of(service));
    }

    private static ServiceHost startInProcess(GampConfig config, List<String> services) {
        AgentDelays delays = AgentDelays.fromEnvironment(config.environment());
        return new ServiceHost(config).start(ServiceCatalog.resolve(config, services, delays::wrap));
    }
}
