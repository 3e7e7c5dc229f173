package dev.gampplanner.runtime.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * The requests of one poll, plus any a lock renewal's poll brought; handed out once each. It keeps the agent's count
 * of records in flight: each record counts from its acquisition until it is settled (acknowledged in any way) or the
 * batch is abandoned (the consumer closed, which hands unsettled records back to the group).
 */
final class Batch {
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private final Set<String> unsettled = new HashSet<>();
    private final AtomicInteger inFlight;
    private int next;

    Batch(ConsumerRecords<byte[], byte[]> polled, AtomicInteger inFlight) {
        this.inFlight = inFlight;
        polled.forEach(this::add);
    }

    ConsumerRecord<byte[], byte[]> next() {
        return next < records.size() ? records.get(next++) : null;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        records.add(record);
        if (unsettled.add(key(record))) {
            inFlight.incrementAndGet();
        }
    }

    /** The record is acknowledged (accepted, released, rejected) or its lock is gone: no longer in flight. */
    void settled(ConsumerRecord<?, ?> record) {
        if (unsettled.remove(key(record))) {
            inFlight.decrementAndGet();
        }
    }

    /** Every record not yet settled leaves this worker's hands. */
    void abandon() {
        inFlight.addAndGet(-unsettled.size());
        unsettled.clear();
    }

    List<ConsumerRecord<byte[], byte[]>> all() {
        return List.copyOf(records);
    }

    static String key(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
