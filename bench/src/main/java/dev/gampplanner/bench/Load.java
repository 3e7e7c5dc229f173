package dev.gampplanner.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.schema.PlanStatus;

/** Submits plans to the fleet, paced or in bursts, and collects their answers. */
final class Load {

    static final Duration PLAN_DEADLINE = Duration.ofMinutes(2);

    private final PlanDesk desk;
    private final ServiceFleet fleet;
    private final AtomicLong notComplete = new AtomicLong();

    Load(PlanDesk desk, ServiceFleet fleet) {
        this.desk = desk;
        this.fleet = fleet;
    }

    /**
     * What came back for {@code submitted} plans within {@code seconds}: only a COMPLETE plan is an answer that
     * counts; a rejection or a FAILED or PARTIAL plan is a round trip, not throughput.
     */
    record Answers(int submitted, Map<String, PlanDesk.Answer> byId, double seconds) {

        long complete() {
            return byId.values().stream().filter(Load::isComplete).count();
        }

        boolean allComplete() {
            return complete() == submitted;
        }

        /** COMPLETE plans a second. */
        double rate() {
            return complete() / seconds;
        }

        Percentiles latency() {
            return Percentiles.of(byId.values().stream().map(PlanDesk.Answer::roundTripMs).toList());
        }

        Map<String, Long> roundTrips() {
            Map<String, Long> roundTrips = new HashMap<>();
            byId.forEach((id, answer) -> roundTrips.put(id, answer.roundTripMs()));
            return roundTrips;
        }

        /** Fails, saying what came back instead, unless every plan was answered COMPLETE. */
        Answers requireAllComplete(String what) {
            if (!allComplete()) {
                throw new IllegalStateException(what + ": " + complete() + " of " + submitted + " plans answered COMPLETE, "
                    + (byId.size() - complete()) + " otherwise, " + (submitted - byId.size()) + " not at all");
            }
            return this;
        }
    }

    /** Submits {@code rate} plans a second for {@code duration} (open loop) and collects every answer. */
    Answers paced(List<UrsFile> load, int rate, Duration duration) {
        int total = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long start = System.nanoTime();
        Thread submitter = pace(load, rate, total);
        Map<String, PlanDesk.Answer> answers = collect(total, duration.plusSeconds(30));
        try {
            submitter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Answers(total, answers, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Starts submitting {@code total} plans at {@code rate} a second on a thread of its own, on a fixed schedule
     * from now (open loop: a slow answer does not slow the next request); the thread ends after the last, or when
     * interrupted.
     */
    Thread pace(List<UrsFile> load, int rate, long total) {
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Thread submitter = new Thread(() -> {
            for (long i = 0; i < total && !Thread.currentThread().isInterrupted(); i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                submit(load.get((int) (i % load.size())));
            }
        }, "bench-submitter");
        submitter.setDaemon(true);
        submitter.start();
        return submitter;
    }

    /** Submits {@code count} plans at once and waits for them. */
    Answers burst(List<UrsFile> load, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            submit(load.get(i % load.size()));
        }
        return new Answers(count, collect(count, PLAN_DEADLINE), (System.nanoTime() - start) / 1e9);
    }

    /** One plan, on its own: its round trip in milliseconds. */
    long single(UrsFile urs, String what) {
        return burst(List.of(urs), 1).requireAllComplete(what).byId().values().iterator().next().roundTripMs();
    }

    /** Plans answered other than COMPLETE so far. */
    long notComplete() {
        return notComplete.get();
    }

    private void submit(UrsFile urs) {
        desk.submit(urs, null, Instant.now().plus(PLAN_DEADLINE), "gamp bench", false);
    }

    private Map<String, PlanDesk.Answer> collect(int count, Duration timeout) {
        Map<String, PlanDesk.Answer> answers = new HashMap<>();
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (answers.size() < count && System.nanoTime() < giveUp) {
            fleet.requireRunning();
            for (PlanDesk.Answer answer : desk.poll(Duration.ofMillis(50))) {
                answers.put(answer.correlationId(), answer);
                if (!isComplete(answer)) {
                    notComplete.incrementAndGet();
                }
            }
        }
        return answers;
    }

    private static boolean isComplete(PlanDesk.Answer answer) {
        return outcome(answer).equals(PlanStatus.COMPLETE.name());
    }

    /** The plan's status (COMPLETE, PARTIAL, FAILED), or REJECTED for a request the planner refused. */
    static String outcome(PlanDesk.Answer answer) {
        return answer instanceof PlanDesk.Planned planned ? planned.plan().getStatus().name() : "REJECTED";
    }
}
