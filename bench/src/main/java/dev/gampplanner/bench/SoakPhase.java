package dev.gampplanner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.runtime.config.Durations;

/**
 * Steady load for a long while: the example documents at a fixed rate, and at every interval each service's RSS,
 * each agent's share-group lag, each planner application's lag, and the latency and outcomes of the interval's
 * answers. After the load, the answers still owed are awaited until the last plan's deadline has passed by a grace.
 * The phase fails when a service died or an answer did not come by then; a series that grows is reported, not failed.
 */
final class SoakPhase implements BenchPhase {

    /** How often the collector looks for answers, for a service that died, and for the next sample. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long past the last plan's deadline its answer is awaited: the planner answers by the deadline, plus delivery. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final BenchRunner.SoakOptions options;

    SoakPhase(BenchRunner.SoakOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        Bench.Fleet fleet = bench.fleet();
        FleetLag lag = new FleetLag(fleet.services(), fleet.services().admin(), bench.loadConfig());
        bench.say("soak: %d plans/s of the example documents for %s, sampled every %s", options.rate(),
            Durations.format(options.duration()), Durations.format(options.interval()));
        int owedBefore = fleet.desk().waitingCount();
        Collector collector = new Collector();
        List<SoakSample> samples = new ArrayList<>();
        String failure = null;
        long start = System.nanoTime();
        Thread submitter = fleet.load().pace(BenchRunner.documents(), options.rate(),
            options.rate() * options.duration().toSeconds());
        try {
            long intervals = options.duration().toNanos() / options.interval().toNanos();
            long next = start + options.interval().toNanos();
            while (samples.size() < intervals) {
                collector.receive(fleet);
                if (System.nanoTime() >= next) {
                    samples.add(sample(bench, fleet, lag, collector.takeWindow(), start));
                    next += options.interval().toNanos();
                }
            }
            submitter.join();
            long giveUp = System.nanoTime() + Load.PLAN_DEADLINE.plus(GRACE).toNanos();
            while (fleet.desk().waitingCount() > owedBefore && System.nanoTime() < giveUp) {
                collector.receive(fleet);
            }
        } catch (IllegalStateException serviceExitedOrAnswerUnreadable) {
            failure = serviceExitedOrAnswerUnreadable.getMessage();
        } finally {
            // The desk closes with the fleet; no request may be on its way to it then.
            submitter.interrupt();
            submitter.join();
        }
        long owed = fleet.desk().waitingCount() - owedBefore;
        long submitted = collector.answered.size() + owed;
        if (failure == null && owed > 0) {
            failure = owed + " of " + submitted + " plans not answered by " + Durations.format(GRACE)
                + " past the last plan's deadline (" + Durations.format(Load.PLAN_DEADLINE) + " after it was sent)";
        }
        SoakReport report = new SoakReport(options, samples, submitted, collector.answered.size(), collector.outcomes, failure);
        bench.report().soak(report);
        if (report.failed()) {
            throw new IllegalStateException("the soak failed: " + failure);
        }
    }

    private static SoakSample sample(Bench bench, Bench.Fleet fleet, FleetLag lag, List<PlanDesk.Answer> answers, long start)
        throws InterruptedException {
        SoakSample sample = SoakSample.of((System.nanoTime() - start) / 60e9, fleet.services().residentMegabytes(), lag.sample(),
            answers);
        bench.say("soak: minute %.1f: %d answers %s, p50 %.0f ms, p99 %.0f ms, RSS %s MB, lag %s", sample.minute(),
            sample.answers(), sample.outcomes(), sample.latency().p50(), sample.latency().p99(), sample.rssMb(), sample.lag());
        return sample;
    }

    /** The answers of the current interval, and every answer so far by correlation id and outcome. */
    private static final class Collector {
        private final Set<String> answered = new HashSet<>();
        private final Map<String, Long> outcomes = new TreeMap<>();
        private List<PlanDesk.Answer> window = new ArrayList<>();

        /** One poll of the desk; fails when a service process has exited. */
        void receive(Bench.Fleet fleet) {
            fleet.services().requireRunning();
            for (PlanDesk.Answer answer : fleet.desk().poll(POLL)) {
                if (answered.add(answer.correlationId())) {
                    window.add(answer);
                    outcomes.merge(Load.outcome(answer), 1L, Long::sum);
                }
            }
        }

        List<PlanDesk.Answer> takeWindow() {
            List<PlanDesk.Answer> taken = window;
            window = new ArrayList<>();
            return taken;
        }
    }
}
