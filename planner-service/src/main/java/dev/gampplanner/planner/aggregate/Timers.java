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
 * the due timers is one range scan from the start of the store to now. A deadline asks to be looked at up to the
 * deadline lead before it is due, since a crowd of them may have to be closed ahead ({@link DeadlineLead}).
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
    private final long deadlineLeadMs;
    private final LongConsumer onScheduled;

    /** {@code onScheduled} hears when every timer set is to be looked at, so the owner can wake up in time for it. */
    Timers(KeyValueStore<Bytes, byte[]> store, long deadlineLeadMs, LongConsumer onScheduled) {
        this.store = store;
        this.deadlineLeadMs = deadlineLeadMs;
        this.onScheduled = onScheduled;
    }

    void schedule(long dueAt, Kind kind, String correlationId) {
        store.put(key(dueAt, kind, correlationId), new byte[0]);
        onScheduled.accept(lookAt(dueAt, kind));
    }

    void cancel(long dueAt, Kind kind, String correlationId) {
        store.delete(key(dueAt, kind, correlationId));
    }

    /** Every timer due at or before {@code now}, earliest due first; each stays until it is cancelled. */
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

    /**
     * The earliest time a timer due after {@code after} is to be looked at. The scan stops once no later timer can be
     * looked at sooner, so it reads at most the timers of one deadline lead.
     */
    OptionalLong nextLook(long after) {
        long earliest = Long.MAX_VALUE;
        Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(Math.max(0, after + 1)).array());
        try (KeyValueIterator<Bytes, byte[]> range = store.range(from, null)) {
            while (range.hasNext()) {
                Timer timer = decode(range.next().key.get());
                if (timer.dueAt() - deadlineLeadMs >= earliest) {
                    break;
                }
                earliest = Math.min(earliest, lookAt(timer.dueAt(), timer.kind()));
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    private long lookAt(long dueAt, Kind kind) {
        return kind == Kind.DEADLINE ? dueAt - deadlineLeadMs : dueAt;
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
