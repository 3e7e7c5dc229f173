package dev.gampplanner.planner.aggregate;

import java.util.List;

/**
 * When to close the plans whose deadlines come while agents are still missing. The aggregator's thread closes them one
 * after another, and a burst's plans fall due together: closed at their deadlines, the last of a few hundred would be
 * answered seconds late, behind the others. So each plan is given the latest time its close may start for it, and every
 * plan due after it, to finish by their deadlines, as this thread has been closing plans lately; a plan alone is closed
 * at its deadline, one in a crowd ahead of it, never by more than the max lead.
 */
final class DeadlineLead {

    /** What a close is taken to cost before one has been measured. */
    private static final double INITIAL_CLOSE_MS = 5.0;
    /** Weight of the latest measurement in the running estimate. */
    private static final double WEIGHT = 0.2;
    /**
     * Closes are made in batches, and between two batches Streams commits them and processes the results waiting: the
     * time a close takes is counted half again for that.
     */
    private static final double BETWEEN_BATCHES = 1.5;

    private final long maxLeadMs;
    private double closeMs = INITIAL_CLOSE_MS;

    DeadlineLead(long maxLeadMs) {
        this.maxLeadMs = maxLeadMs;
    }

    long maxLeadMs() {
        return maxLeadMs;
    }

    /** The closes of a batch took {@code nanos} in all. */
    void measured(int closes, long nanos) {
        if (closes > 0) {
            closeMs += WEIGHT * (nanos / 1e6 / closes - closeMs);
        }
    }

    /**
     * For deadlines in ascending order, when each plan's close must start at the latest: closed one after another in that
     * order, each must be done by its deadline, so it starts one close before the earlier of its deadline and the start
     * of the plan after it. No start is earlier than the max lead before its deadline.
     */
    long[] latestStarts(List<Long> deadlines) {
        long[] starts = new long[deadlines.size()];
        long cost = maxLeadMs == 0 ? 0 : Math.round(closeMs * BETWEEN_BATCHES);
        long next = Long.MAX_VALUE;
        for (int i = deadlines.size() - 1; i >= 0; i--) {
            long deadline = deadlines.get(i);
            long start = Math.max(Math.min(deadline, next) - cost, deadline - maxLeadMs);
            starts[i] = start;
            next = start;
        }
        return starts;
    }
}
