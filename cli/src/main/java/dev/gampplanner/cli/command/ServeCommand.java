package dev.gampplanner.cli.command;

import java.util.List;
import java.util.concurrent.Callable;

import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs services against KAFKA_BOOTSTRAP_SERVERS until stopped (SIGTERM or Ctrl-C stop them gracefully). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Runs services against KAFKA_BOOTSTRAP_SERVERS until stopped. Configuration comes from the "
        + "environment (see 'gamp config').",
        "SERVICE: planner (intake and aggregator), intake, aggregator, context, sme, research, or all."})
public final class ServeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to run in this process.")
    List<String> services;

    @Override
    public Integer call() {
        GampConfig config = Environment.connectedConfig();
        ServiceHost host = new ServiceHost(config).start(ServiceCatalog.resolve(config, services));
        host.runUntilShutdown();
        return 0;
    }
}
