package dev.gampplanner.planner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.gampplanner.planner.intake.Intake;

/**
 * How long the aggregator of this planner process will take over the plans its intake has opened and it has not yet
 * answered: the open plans times the aggregator's recent working time per answered plan (its own processing and the
 * wait for a CPU, on a busy machine). Every open plan costs the aggregator about one answer's work, whether its agents
 * answer or its deadline closes it, so this is how far behind the aggregator's answers are. The intake counts it as
 * waiting: a burst the planner cannot answer in time is refused at once with the reason, rather than answered late.
 *
 * <p>An estimate: it knows only the plans of this process (a planner restarted counts from zero, instances share no
 * count), and knows nothing until the aggregator has answered a few plans.
 */
public final class PlanBacklog implements Intake.Backlog {

    /** The working time per plan is taken over windows of at least this long with at least {@link #MIN_PLANS} answers. */
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MIN_PLANS = 5;
    /** Weight of the latest window in the running estimate. */
    private static final double WEIGHT = 0.3;

    private final AtomicLong open = new AtomicLong();
    private final LongSupplier nanoTime;
    private volatile double nanosPerPlan;
    private long windowStart;
    private long windowWork;
    private int windowPlans;

    public PlanBacklog() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock the windows are taken by */
    public PlanBacklog(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** The intake opened a plan. */
    public void opened() {
        open.incrementAndGet();
    }

    /** The aggregator worked {@code nanos} on one input or timer, and answered {@code answered} plans with it. */
    public synchronized void worked(long nanos, int answered) {
        if (answered > 0) {
            open.addAndGet(-answered);
        }
        windowWork += nanos;
        windowPlans += answered;
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS && windowPlans >= MIN_PLANS) {
            double latest = (double) windowWork / windowPlans;
            nanosPerPlan = nanosPerPlan == 0 ? latest : nanosPerPlan + WEIGHT * (latest - nanosPerPlan);
            windowStart = now;
            windowWork = 0;
            windowPlans = 0;
        }
    }

    @Override
    public long openPlans() {
        return Math.max(0, open.get());
    }

    /** How long the aggregator would take to answer the plans open now. */
    @Override
    public Duration ahead() {
        return Duration.ofNanos(Math.round(openPlans() * nanosPerPlan));
    }
}
