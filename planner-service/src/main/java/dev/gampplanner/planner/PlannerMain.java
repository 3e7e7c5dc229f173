package dev.gampplanner.planner;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;

/** Runs the planner service (intake and aggregator) against KAFKA_BOOTSTRAP_SERVERS until stopped. */
public final class PlannerMain {

    private PlannerMain() {
    }

    public static void main(String[] args) {
        GampConfig config = GampConfig.fromEnvironment(System.getenv());
        ServiceHost host = new ServiceHost(config);
        host.start(PlannerServices.all(config, PlannerKnowledge.load()));
        host.runUntilShutdown();
    }
}
