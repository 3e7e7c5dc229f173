package dev.gampplanner.planner.aggregate;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.kafka.CorrelationIdSerde;
import dev.gampplanner.runtime.signing.KeyRing;
import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * The signing keys published on security.signing-keys, as the aggregator's global store holds them: the store is
 * filled from the whole topic before any input is processed and then follows new keys and retirements. The store
 * keeps the records' bytes, so a record that does not decode is skipped with a warning rather than stopping the
 * planner; the key ring is rebuilt only when the store changed, so keys are not decoded again for every result.
 */
final class PublishedKeys {

    private static final Logger log = LoggerFactory.getLogger(PublishedKeys.class);
    private static final CorrelationIdSerde KEYS = new CorrelationIdSerde();

    private final ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private List<Bytes> seen = List.of();
    private KeyRing ring = new KeyRing();

    PublishedKeys(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Whether the result, read from {@code topic}, is signed by a key of the agent it claims to come from. */
    SignatureCheck check(AgentKind agent, String topic, Record<CorrelationId, Encoded<SpecificRecord>> record) {
        byte[] key = KEYS.serializer().serialize(topic, record.key());
        return ring().check(Signer.valueOf(agent.name()), topic, key, record.value().bytes(), record.headers(), record.timestamp());
    }

    private KeyRing ring() {
        List<Bytes> now = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> now.add(Bytes.wrap(entry.value)));
        }
        if (!now.equals(seen)) {
            ring = KeyRing.of(decoded(now));
            seen = now;
        }
        return ring;
    }

    private static List<SigningKey> decoded(List<Bytes> records) {
        List<SigningKey> keys = new ArrayList<>();
        for (Bytes record : records) {
            try {
                keys.add(AvroCodec.decode(record.get(), SigningKey.class));
            } catch (InvalidRecordException e) {
                log.warn("a record on the signing keys topic is not a SigningKey and is ignored: {}", e.getMessage());
            }
        }
        return keys;
    }

    /** Keeps the global store: the last record of each key id, removed by a tombstone. */
    static final class Updater implements Processor<Bytes, byte[], Void, Void> {

        private final String storeName;
        private KeyValueStore<Bytes, byte[]> store;

        Updater(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<Bytes, byte[]> record) {
            if (record.key() == null) {
                log.warn("a record without a key id on the signing keys topic is ignored");
            } else if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
        }
    }
}
