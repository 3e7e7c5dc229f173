package dev.gampplanner.planner.intake;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The requests the intake holds until the plans ahead of them leave them time enough, earliest deadline first (then
 * in order of arrival). A changelogged store: a planner restarted holds them still, and each is taken out in the
 * transaction that opens or rejects it.
 */
final class WaitingRoom {

    /** A request as it came: its key, where it was on plan.requests, and its bytes. */
    record Held(String key, Intake.Origin origin, byte[] request) {
    }

    /** A held request and the slot it is held in. */
    record Seat(Bytes slot, Held held) {
    }

    private final KeyValueStore<Bytes, byte[]> store;
    private long size;

    WaitingRoom(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                size++;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long size() {
        return size;
    }

    /** Encodes {@code held} before it writes: a failure leaves the room as it was. */
    void hold(Instant deadline, Held held) {
        byte[] value = encode(held);
        store.put(slot(deadline, held.origin().offset()), value);
        size++;
    }

    /** The held request of the earliest deadline. */
    Optional<Seat> first() {
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            if (!all.hasNext()) {
                return Optional.empty();
            }
            KeyValue<Bytes, byte[]> next = all.next();
            return Optional.of(new Seat(next.key, decode(next.value)));
        }
    }

    void release(Seat seat) {
        store.delete(seat.slot());
        size--;
    }

    /** Deadline, then offset, big-endian: the store's byte order is theirs. Offsets are unique within the task's partition. */
    private static Bytes slot(Instant deadline, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(2 * Long.BYTES).putLong(deadline.toEpochMilli()).putLong(offset).array());
    }

    private static byte[] encode(Held held) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(held.request().length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(held.key());
            out.writeUTF(held.origin().topic());
            out.writeInt(held.origin().partition());
            out.writeLong(held.origin().offset());
            out.writeLong(held.origin().timestamp().toEpochMilli());
            out.writeInt(held.request().length);
            out.write(held.request());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Held decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            String key = in.readUTF();
            Intake.Origin origin = new Intake.Origin(in.readUTF(), in.readInt(), in.readLong(), Instant.ofEpochMilli(in.readLong()));
            byte[] request = in.readNBytes(in.readInt());
            return new Held(key, origin, request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
