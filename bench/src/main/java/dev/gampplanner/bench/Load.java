package dev.gampplanner.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;

/** Submits plans to the fleet, paced or in bursts, and collects their answers. */
final class Load {

    private static final Duration PLAN_DEADLINE = Duration.ofMinutes(2);

    private final PlanDesk desk;
    private final ServiceFleet fleet;

    Load(PlanDesk desk, ServiceFleet fleet) {
        this.desk = desk;
        this.fleet = fleet;
    }

    /** A load step: round trip per plan, and the rate at which answers came. */
    record Step(Map<String, Long> roundTrips, double achievedRate, boolean complete) {
    }

    /** Submits {@code rate} plans a second for {@code duration} (open loop) and collects every answer. */
    Step paced(List<UrsFile> load, int rate, Duration duration) {
        int total = (int) Math.max(1, rate * duration.toMillis() / 1000);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                submit(load.get(i % load.size()));
            }
        }, "bench-submitter");
        submitter.start();
        Map<String, Long> roundTrips = collect(total, duration.plusSeconds(30));
        try {
            submitter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Step(roundTrips, roundTrips.size() / seconds, roundTrips.size() == total);
    }

    /** Submits {@code count} plans at once and waits for them. */
    Map<String, Long> burst(List<UrsFile> load, int count) {
        for (int i = 0; i < count; i++) {
            submit(load.get(i % load.size()));
        }
        return collect(count, PLAN_DEADLINE);
    }

    private void submit(UrsFile urs) {
        desk.submit(urs, null, Instant.now().plus(PLAN_DEADLINE), "gamp bench", false);
    }

    private Map<String, Long> collect(int count, Duration timeout) {
        Map<String, Long> roundTrips = new HashMap<>();
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (roundTrips.size() < count && System.nanoTime() < giveUp) {
            fleet.requireRunning();
            for (PlanDesk.Answer answer : desk.poll(Duration.ofMillis(50))) {
                roundTrips.put(answer.correlationId(), answer.roundTripMs());
            }
        }
        return roundTrips;
    }
}
