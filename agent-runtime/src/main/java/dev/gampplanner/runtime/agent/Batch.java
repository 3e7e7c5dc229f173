package dev.gampplanner.runtime.agent;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** The requests of one poll, plus any a lock renewal's poll brought; handed out once each. */
final class Batch {
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    private int next;

    Batch(ConsumerRecords<byte[], byte[]> polled) {
        polled.forEach(records::add);
    }

    ConsumerRecord<byte[], byte[]> next() {
        return next < records.size() ? records.get(next++) : null;
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        records.add(record);
    }

    List<ConsumerRecord<byte[], byte[]>> all() {
        return List.copyOf(records);
    }

    static String key(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
