package dev.gampplanner.runtime.signing;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Signs every record a producer sends to a signed topic. It sits in the producer because there both plain producers
 * and Kafka Streams hand over the record's final topic, key and value bytes, so one place signs what every service
 * writes, exactly as it goes on the log.
 */
public final class SigningInterceptor implements ProducerInterceptor<byte[], byte[]> {

    /** The producer setting that carries the {@link RecordSigner} instance to the interceptor. */
    public static final String SIGNER_CONFIG = "gamp.record.signer";

    private RecordSigner signer;

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(SIGNER_CONFIG) instanceof RecordSigner configured)) {
            throw new ConfigException(SIGNER_CONFIG, configs.get(SIGNER_CONFIG), "the signing interceptor needs a RecordSigner");
        }
        signer = configured;
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (!signer.signs(record.topic())) {
            return record;
        }
        // A copy: Kafka Streams may hand the same headers to several sends, and a sent record's headers turn read-only.
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        signer.sign(record.topic(), record.key(), record.value(), headers);
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), record.value(), headers);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // Signing needs nothing back from the broker.
    }

    @Override
    public void close() {
        // No resources: the key belongs to the process.
    }
}
