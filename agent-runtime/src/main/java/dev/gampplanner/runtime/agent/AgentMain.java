package dev.gampplanner.runtime.agent;

import java.util.List;
import java.util.function.Function;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;

/** The {@code main} of every agent service: configuration from the environment, one agent, run until stopped. */
public final class AgentMain {

    private AgentMain() {
    }

    /** @param agent the agent in the mode the configuration names */
    public static void run(Function<GampConfig, Agent> agent) {
        GampConfig config = GampConfig.fromEnvironment(System.getenv());
        Agent loaded = agent.apply(config);
        ServiceHost host = new ServiceHost(config);
        host.start(List.of(observability -> new AgentService(config, loaded, observability)));
        host.runUntilShutdown();
    }
}
