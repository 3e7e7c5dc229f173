package dev.gampplanner.planner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.gampplanner.planner.intake.Intake;
import dev.gampplanner.schema.AgentKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * How long the aggregator of this planner process will take over the plans its intake has opened and it has not yet
 * answered: the inputs those plans still wait for (a PlanOpened and one result per agent, less what has come) times the
 * aggregator's recent working time per input (its own processing and the wait for a CPU, on a busy machine). A plan
 * whose results do not come costs its deadline's close instead, about as much, so this is how far behind the
 * aggregator's answers are. The intake counts it as waiting: a burst the planner cannot answer in time is refused at
 * once with the reason, rather than answered late.
 *
 * <p>An estimate: it knows only the plans of this process (a planner restarted counts from zero, instances share no
 * count), and nothing until the aggregator has worked a little.
 *
 * <p>With the requests the intake holds, it is also what the process's gauges show of how far behind it is: one
 * instance per process, shared by the intake and the aggregator, so the gauges each registers read the same counts.
 */
public final class PlanBacklog implements Intake.Backlog, MeterBinder {

    /** The working time per input is taken over windows of at least this long with at least {@link #MIN_INPUTS} inputs. */
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MIN_INPUTS = 20;
    /** Weight of the latest window in the running estimate. */
    private static final double WEIGHT = 0.3;
    private static final int INPUTS_PER_PLAN = 1 + AgentKind.values().length;

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong pendingInputs = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final LongSupplier nanoTime;
    private volatile double nanosPerInput;
    private long windowStart;
    private long windowWork;
    private int windowInputs;

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
        pendingInputs.addAndGet(INPUTS_PER_PLAN);
    }

    /** The intake holds {@code delta} more requests (fewer, if negative). */
    public void waiting(long delta) {
        waiting.addAndGet(delta);
    }

    /** The aggregator took one of an open plan's inputs. */
    public void took() {
        pendingInputs.decrementAndGet();
    }

    /** The aggregator answered a plan; {@code neverCame} of its inputs will not be waited for any more. */
    public void answered(int neverCame) {
        open.decrementAndGet();
        pendingInputs.addAndGet(-neverCame);
    }

    /** The aggregator worked {@code nanos} on {@code inputs} records or timers. */
    public synchronized void worked(long nanos, int inputs) {
        windowWork += nanos;
        windowInputs += inputs;
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS && windowInputs >= MIN_INPUTS) {
            double latest = (double) windowWork / windowInputs;
            nanosPerInput = nanosPerInput == 0 ? latest : nanosPerInput + WEIGHT * (latest - nanosPerInput);
            windowStart = now;
            windowWork = 0;
            windowInputs = 0;
        }
    }

    @Override
    public long openPlans() {
        return Math.max(0, open.get());
    }

    /** How long the aggregator would take to answer the plans open now. */
    @Override
    public Duration ahead() {
        return Duration.ofNanos(Math.round(Math.max(0, pendingInputs.get()) * nanosPerInput));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gamp.requests.waiting", waiting, AtomicLong::get)
            .description("Requests the intake holds until the plans ahead leave them time").register(registry);
        Gauge.builder("gamp.plans.open", this, PlanBacklog::openPlans)
            .description("Plans the intake of this process has opened that its aggregator has not yet answered").register(registry);
        Gauge.builder("gamp.plans.ahead", this, backlog -> backlog.ahead().toNanos() / 1e9).baseUnit("seconds")
            .description("How long the aggregator would take to answer the plans open now: the intake's estimate").register(registry);
    }
}
