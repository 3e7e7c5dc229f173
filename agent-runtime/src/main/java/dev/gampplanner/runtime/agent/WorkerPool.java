package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent service's worker threads. A worker whose loop ends by anything but {@link #close()} (an error of its share
 * consumer, an {@link Error}) has already handed its requests back to the share group; the pool counts it and starts a
 * replacement with a new share consumer after a short pause, so a recurring fault cannot spin.
 *
 * <p>Each share consumer gets a client id of its own ({@code <worker id>.<suffix>}): the broker reports the group's
 * members by client id, and a member of an earlier process or incarnation stays listed until its session times out,
 * so only a fresh id tells whether this very consumer has its assignment.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration RESTART_PAUSE = Duration.ofSeconds(1);

    /** Builds a worker around a new share consumer with the given client id. */
    interface Factory {
        ShareGroupWorker create(String workerId, String clientId);
    }

    /** One worker position: its current incarnation, if one is running. */
    private static final class Slot {
        final String workerId;
        volatile ShareGroupWorker worker;
        volatile String clientId;
        Thread thread;

        Slot(String workerId) {
            this.workerId = workerId;
        }
    }

    private final Factory factory;
    private final WorkerMetrics metrics;
    private final List<Slot> slots = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "worker-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    WorkerPool(List<String> workerIds, Factory factory, WorkerMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
        workerIds.forEach(id -> slots.add(new Slot(id)));
    }

    void start() {
        slots.forEach(this::launch);
    }

    int size() {
        return slots.size();
    }

    /** The client ids of the share consumers running now; a worker being replaced has none. */
    List<Optional<String>> runningClientIds() {
        return slots.stream().map(slot -> Optional.ofNullable(slot.worker == null ? null : slot.clientId)).toList();
    }

    private synchronized void launch(Slot slot) {
        if (closing) {
            return;
        }
        String clientId = slot.workerId + "." + UUID.randomUUID().toString().substring(0, 8);
        ShareGroupWorker worker;
        try {
            worker = factory.create(slot.workerId, clientId);
        } catch (RuntimeException e) {
            log.error("cannot start worker {}; trying again in {} ms", slot.workerId, RESTART_PAUSE.toMillis(), e);
            relaunchLater(slot);
            return;
        }
        slot.clientId = clientId;
        slot.worker = worker;
        slot.thread = new Thread(() -> runUntilStopped(slot, worker), slot.workerId);
        slot.thread.start();
    }

    private void runUntilStopped(Slot slot, ShareGroupWorker worker) {
        try {
            worker.run();
        } catch (Throwable e) {
            if (!closing) {
                slot.worker = null;
                metrics.workerRestarted();
                log.error("worker {} died; its requests return to the share group and a new worker starts in {} ms",
                    slot.workerId, RESTART_PAUSE.toMillis(), e);
                relaunchLater(slot);
            }
        }
    }

    private void relaunchLater(Slot slot) {
        try {
            restarts.schedule(() -> launch(slot), RESTART_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            // The pool closed between the failure and now: nothing to replace.
        }
    }

    /** Stops every worker after the request in hand and waits for them, up to {@code timeout} each. */
    void close(Duration timeout) {
        List<Thread> threads = new ArrayList<>();
        synchronized (this) {
            closing = true;
            restarts.shutdownNow();
            for (Slot slot : slots) {
                ShareGroupWorker worker = slot.worker;
                if (worker != null) {
                    worker.stop();
                }
                if (slot.thread != null) {
                    threads.add(slot.thread);
                }
            }
        }
        for (Thread thread : threads) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
