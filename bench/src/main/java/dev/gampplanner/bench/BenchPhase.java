package dev.gampplanner.bench;

/**
 * One part of the benchmark: it drives the system through {@link Bench} and writes its figures to the
 * report. A phase that throws has failed; the runner records which and why, and goes on to the next.
 */
interface BenchPhase {

    /** What the report calls this phase. */
    String name();

    void run(Bench bench) throws Exception;
}
