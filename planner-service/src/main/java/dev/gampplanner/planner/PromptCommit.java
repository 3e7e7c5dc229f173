package dev.gampplanner.planner;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Streams to commit the transaction that holds a plan's next step as soon as it is written, while the planner keeps
 * up. Streams commits once its interval has passed since its last commit, and a plan's records come in clusters: its
 * three results reach the aggregator within a few milliseconds, the first of them took the interval's commit, and the
 * MergedPlan the last one completed then waited out the rest of the interval before anyone could read it (the
 * aggregator's commit hop was 20 ms at p50 with the default 20 ms interval).
 *
 * <p>Only while the planner keeps up: the record was read within an interval of being written, and the aggregator has
 * less than an interval's work ahead of it ({@link PlanBacklog#ahead()}). In a crowd, a commit per plan doubled the
 * transactions and cost the agents the CPU they needed (a burst of 1,000 came to 96–99.6 % COMPLETE instead of 100 %),
 * while batching them costs its plans nothing they would notice behind the queue; there the interval decides.
 */
public final class PromptCommit {

    private final Duration interval;
    private final Supplier<Duration> workAhead;

    /**
     * @param interval the Streams commit interval
     * @param workAhead how long the aggregator would take over the plans open now
     */
    public PromptCommit(Duration interval, Supplier<Duration> workAhead) {
        this.interval = interval;
        this.workAhead = workAhead;
    }

    /** Requests a commit unless the record behind the writes, written at {@code writtenAt}, or the work ahead marks a backlog. */
    public void after(ProcessorContext<?, ?> context, long writtenAt) {
        if (context.currentSystemTimeMs() - writtenAt <= interval.toMillis() && workAhead.get().compareTo(interval) < 0) {
            context.commit();
        }
    }
}
