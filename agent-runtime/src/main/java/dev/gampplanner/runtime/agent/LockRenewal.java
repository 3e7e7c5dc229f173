package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends the acquisition locks of the requests a worker holds, so a slow agent does not have its work handed to
 * another worker. Renewing at half the lock leaves the other half for the renewal to reach the broker.
 */
final class LockRenewal {

    private static final Logger log = LoggerFactory.getLogger(LockRenewal.class);
    private static final Duration RENEW_TIMEOUT = Duration.ofSeconds(5);

    private final ShareConsumer<byte[], byte[]> consumer;
    private final Duration configuredLock;
    private final WorkerMetrics metrics;

    /** @param configuredLock the share group's lock duration, for when the broker does not say which lock it grants */
    LockRenewal(ShareConsumer<byte[], byte[]> consumer, Duration configuredLock, WorkerMetrics metrics) {
        this.consumer = consumer;
        this.configuredLock = configuredLock;
        this.metrics = metrics;
    }

    /** How often the locks in hand are renewed while the agent works. */
    long intervalMs() {
        long lockMs = consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(configuredLock.toMillis());
        return Math.max(100, lockMs / 2);
    }

    /**
     * Waits {@code duration} (a retry's backoff) without letting the locks in hand lapse: they are renewed first, as
     * the last renewal may be most of a lock ago, and then every {@link #intervalMs()}.
     */
    void holdFor(Duration duration, Batch batch) {
        long until = System.nanoTime() + duration.toNanos();
        renew(batch);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(intervalMs())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (until - System.nanoTime() > 0) {
                renew(batch);
            }
        }
    }

    /**
     * Extends the acquisition lock of every request in hand. The share consumer hands renewed
     * records back through {@code poll()}; until then they cannot be acknowledged, so this waits for
     * them (briefly) and queues any other record the poll brings.
     */
    void renew(Batch batch) {
        List<ConsumerRecord<byte[], byte[]>> inHand = batch.all();
        try {
            for (ConsumerRecord<byte[], byte[]> record : inHand) {
                consumer.acknowledge(record, AcknowledgeType.RENEW);
            }
            consumer.commitSync(RENEW_TIMEOUT);
            Set<String> awaited = new HashSet<>();
            inHand.forEach(r -> awaited.add(Batch.key(r)));
            long giveUp = System.nanoTime() + RENEW_TIMEOUT.toNanos();
            while (!awaited.isEmpty() && System.nanoTime() < giveUp) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (!awaited.remove(Batch.key(record))) {
                        batch.add(record);
                    }
                }
            }
            if (awaited.isEmpty()) {
                metrics.renewed(inHand.size());
            } else {
                log.warn("the lock renewal of {} request(s) was not confirmed; they may be redelivered", awaited.size());
            }
        } catch (IllegalStateException | KafkaException e) {
            // Without renewal the lock expires and the request is redelivered; the aggregator keeps the first answer.
            log.warn("could not renew the acquisition lock of {} request(s): {}", inHand.size(), e.toString());
        }
    }
}
