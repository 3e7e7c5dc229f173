package dev.gampplanner.runtime.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.schema.codec.InvalidRecordException;

/** Record keys: the correlation id as its canonical UUID string. A missing or malformed key is invalid. */
public final class CorrelationIdSerde implements Serde<CorrelationId> {

    @Override
    public Serializer<CorrelationId> serializer() {
        return (topic, id) -> id == null ? null : id.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Deserializer<CorrelationId> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY, "the record has no key");
            }
            try {
                return CorrelationId.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY, e.getMessage());
            }
        };
    }
}
