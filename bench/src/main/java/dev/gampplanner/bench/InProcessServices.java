package dev.gampplanner.bench;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;

/**
 * Starts a service inside the benchmark's own JVM, its agents slowed by the {@link AgentDelays} of
 * {@code config}'s environment. The gamp command wires the services; the benchmark only drives them.
 */
@FunctionalInterface
public interface InProcessServices {

    ServiceHost start(GampConfig config, String service);
}
