package dev.gampplanner.planner.aggregate;

import java.time.Duration;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * When the aggregator next looks at its timers: one wall-clock punctuation, no later than the earliest due timer and
 * no sooner than the check interval from now (timers falling due together are handled together). The punctuator runs
 * only when a timer is due, not at a fixed rate: Streams commits a transaction after every punctuation, and a
 * fixed-rate punctuator in each task would commit several transactions a second with nothing to do, delaying the
 * results waiting behind them.
 */
final class WakeUps {

    private final ProcessorContext<?, ?> context;
    private final AggregatorTopology.Settings settings;
    private final Punctuator onWake;
    private Cancellable wakeUp;
    private long wakeAt = Long.MAX_VALUE;

    WakeUps(ProcessorContext<?, ?> context, AggregatorTopology.Settings settings, Punctuator onWake) {
        this.context = context;
        this.settings = settings;
        this.onWake = onWake;
    }

    /** Arranges to wake no later than {@code dueAt}; a replay without deadlines never wakes. */
    void by(long dueAt) {
        if (!settings.deadlines()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        long target = Math.max(dueAt, now + settings.checkInterval().toMillis());
        if (target >= wakeAt) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        wakeAt = target;
        wakeUp = context.schedule(Duration.ofMillis(target - now), PunctuationType.WALL_CLOCK_TIME, onWake);
    }

    /** Wakes again as soon as Streams has committed what this wake-up wrote and read the records waiting. */
    void soon() {
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        wakeAt = context.currentSystemTimeMs() + 1;
        wakeUp = context.schedule(Duration.ofMillis(1), PunctuationType.WALL_CLOCK_TIME, onWake);
    }

    /** The punctuation has come: until {@link #by} is asked again, nothing is arranged. */
    void woken() {
        wakeUp.cancel();
        wakeUp = null;
        wakeAt = Long.MAX_VALUE;
    }
}
