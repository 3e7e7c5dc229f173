package dev.gampplanner.planner.aggregate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Wall-clock timers kept in a state store, so they survive restarts: the key is the due time
 * (8 bytes, big-endian, so byte order is time order), a kind byte and the correlation id. Finding
 * the due timers is one range scan from the start of the store to now.
 */
final class Timers {

    /** What a timer is for. */
    enum Kind {
        /** The plan's deadline: write a DeadlineExpired if agents are still missing. */
        DEADLINE((byte) 'D'),
        /** Results that came without a PlanOpened have waited long enough: record them as orphans. */
        ORPHAN((byte) 'O'),
        /** The emitted plan need no longer be remembered. */
        FORGET((byte) 'F');

        final byte code;

        Kind(byte code) {
            this.code = code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalStateException("unknown timer kind " + (char) code);
        }
    }

    record Timer(long dueAt, Kind kind, String correlationId) {
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private final LongConsumer onScheduled;

    /** {@code onScheduled} hears the due time of every timer set, so the owner can wake up in time for it. */
    Timers(KeyValueStore<Bytes, byte[]> store, LongConsumer onScheduled) {
        this.store = store;
        this.onScheduled = onScheduled;
    }

    void schedule(long dueAt, Kind kind, String correlationId) {
        store.put(key(dueAt, kind, correlationId), new byte[0]);
        onScheduled.accept(dueAt);
    }

    void cancel(long dueAt, Kind kind, String correlationId) {
        store.delete(key(dueAt, kind, correlationId));
    }

    /** Every timer due at or before {@code now}, earliest first; each stays until it is cancelled. */
    List<Timer> due(long now) {
        List<Timer> due = new ArrayList<>();
        Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(0).array());
        Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now + 1).array());
        try (KeyValueIterator<Bytes, byte[]> range = store.range(from, to)) {
            while (range.hasNext()) {
                KeyValue<Bytes, byte[]> entry = range.next();
                Timer timer = decode(entry.key.get());
                if (timer.dueAt() <= now) {
                    due.add(timer);
                }
            }
        }
        return due;
    }

    /** The due time of the earliest pending timer. */
    OptionalLong earliest() {
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            return all.hasNext() ? OptionalLong.of(decode(all.next().key.get()).dueAt()) : OptionalLong.empty();
        }
    }

    private static Bytes key(long dueAt, Kind kind, String correlationId) {
        byte[] id = correlationId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1 + id.length).putLong(dueAt).put(kind.code).put(id).array());
    }

    private static Timer decode(byte[] key) {
        ByteBuffer buffer = ByteBuffer.wrap(key);
        long dueAt = buffer.getLong();
        Kind kind = Kind.of(buffer.get());
        byte[] id = new byte[buffer.remaining()];
        buffer.get(id);
        return new Timer(dueAt, kind, new String(id, StandardCharsets.UTF_8));
    }
}
