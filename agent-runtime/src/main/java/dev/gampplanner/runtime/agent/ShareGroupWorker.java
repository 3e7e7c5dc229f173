package dev.gampplanner.runtime.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.AgentSettings;

/**
 * One worker thread of an agent service: its own share consumer, a shared idempotent producer.
 *
 * <p>Each request is acknowledged one by one, and only after what it led to is on the broker:
 * {@code ACCEPT} once the AgentResult is written, {@code RELEASE} on a transient failure (after a
 * backoff) so any worker may retry it, {@code REJECT} once an undecodable record's DLQ copy is
 * written. While the agent works, the acquisition locks of the requests in hand are renewed, so a
 * slow agent does not have its work handed to another worker.
 */
final class ShareGroupWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final String workerId;
    private final String requestTopic;
    private final ShareConsumer<byte[], byte[]> consumer;
    private final BudgetedAnalysis analysis;
    private final RequestSpan span;
    private final RequestHandler requests;
    private final WorkerMetrics metrics;
    private volatile boolean running = true;
    private Batch inHand;

    ShareGroupWorker(String workerId, Agent agent, AgentSettings settings, int maxUrsBytes, String requestTopic, String resultTopic,
                     ShareConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, WorkerMetrics metrics,
                     Clock clock) {
        this.workerId = workerId;
        this.requestTopic = requestTopic;
        this.consumer = consumer;
        this.metrics = metrics;
        this.analysis = new BudgetedAnalysis(workerId, agent);
        this.span = new RequestSpan(agent.kind());
        this.requests = new RequestHandler(agent, settings, new RequestDecoder(agent.kind(), maxUrsBytes), analysis,
            new LockRenewal(consumer, settings.lockDuration(), metrics),
            new ResultWriter(workerId, agent, resultTopic, producer, metrics, clock), metrics, clock);
    }

    /**
     * Polls and handles requests until {@link #stop()}. Whatever else ends the loop (an error of the consumer, an
     * {@link Error}) is thrown on, for the pool to replace this worker; the consumer is closed either way, which hands
     * every request not yet acknowledged back to the share group.
     */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(requestTopic));
            while (running) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL_TIMEOUT);
                if (!polled.isEmpty()) {
                    Batch batch = new Batch(polled, metrics.inFlight());
                    inHand = batch;
                    try {
                        process(batch);
                    } catch (WakeupException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // A defect in handling one batch must not stop the worker: its requests go back to the group.
                        log.error("worker {} could not finish a batch; releasing its requests for another attempt", workerId, e);
                        releaseUnacknowledged(batch);
                    }
                    inHand = null;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            analysis.close();
            try {
                consumer.close(Duration.ofSeconds(10));
            } finally {
                if (inHand != null) {
                    inHand.abandon();
                }
            }
        }
    }

    /**
     * Handles every request of a batch, then acknowledges each once its outcome is written. Nothing
     * is acknowledged earlier, so a crash anywhere before leaves every request to be redelivered.
     */
    private void process(Batch batch) {
        List<Completion> completions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record = batch.next(); record != null; record = batch.next()) {
            completions.add(running ? span.around(record, request -> requests.handle(request, batch))
                : Completion.now(record, AcknowledgeType.RELEASE));
        }
        for (Completion completion : completions) {
            AcknowledgeType type = completion.await(SEND_TIMEOUT);
            try {
                consumer.acknowledge(completion.record(), type);
                batch.settled(completion.record());
            } catch (IllegalStateException e) {
                // The lock was lost (renewal refused or too late): the broker redelivers the request and the
                // aggregator records the second answer on plan.late-results.
                log.warn("could not acknowledge {} with {}: {}", Batch.key(completion.record()), type, e.getMessage());
                batch.settled(completion.record());
            }
        }
        consumer.commitAsync();
    }

    private void releaseUnacknowledged(Batch batch) {
        for (ConsumerRecord<byte[], byte[]> record : batch.all()) {
            try {
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
            } catch (IllegalStateException alreadyAcknowledged) {
                // Acknowledged before the failure; nothing to release.
            }
            batch.settled(record);
        }
        consumer.commitAsync();
    }

    /** Stops after the request in hand; the rest of the batch is released to other workers. */
    void stop() {
        running = false;
        consumer.wakeup();
    }
}
