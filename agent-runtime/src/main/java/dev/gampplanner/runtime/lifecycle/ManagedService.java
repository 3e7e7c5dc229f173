package dev.gampplanner.runtime.lifecycle;

import dev.gampplanner.runtime.observability.Health;

/** A long-running part of a GAMP Planner process: a Streams app or an agent's worker pool. */
public interface ManagedService extends AutoCloseable {

    String name();

    /** Starts the service; returns once it is running or throws saying why it cannot. */
    void start();

    Health health();

    /** Stops gracefully: work in hand is finished or handed back, nothing is lost. */
    @Override
    void close();
}
