package dev.gampplanner.schema.codec;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes over {@link AvroCodec}. Deserializers throw {@link InvalidRecordException} for bad values. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A published record of exactly {@code type}. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, record) -> record == null ? null : AvroCodec.encode(record);
        Deserializer<T> deserializer = (topic, bytes) -> AvroCodec.decode(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A record of exactly {@code type} from another history than the published one (a store's). */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type, SchemaCodec codec) {
        Serializer<T> serializer = (topic, record) -> record == null ? null : SchemaCodec.encode(record);
        Deserializer<T> deserializer = (topic, bytes) -> codec.decode(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A record of {@code type} with the bytes it travels as, for digests over what is on the topic. */
    public static <T extends SpecificRecord> Serde<Encoded<T>> encoded(Class<T> type) {
        Serializer<Encoded<T>> serializer = (topic, encoded) -> encoded == null ? null : encoded.bytes();
        Deserializer<Encoded<T>> deserializer = (topic, bytes) -> Encoded.decoded(AvroCodec.decode(bytes, type), bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A record of one of {@code types}, for topics that carry several (plan.coordination). */
    public static Serde<Encoded<SpecificRecord>> encodedOneOf(Set<Class<? extends SpecificRecord>> types) {
        String expected = types.stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(" or "));
        Serializer<Encoded<SpecificRecord>> serializer = (topic, encoded) -> encoded == null ? null : encoded.bytes();
        Deserializer<Encoded<SpecificRecord>> deserializer = (topic, bytes) -> {
            SpecificRecord record = AvroCodec.decodeAny(bytes);
            if (!types.contains(record.getClass())) {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                    "expected a " + expected + " record but the value is a " + record.getSchema().getName());
            }
            return Encoded.decoded(record, bytes);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
