package dev.gampplanner.runtime.dlq;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * Builds the DLQ copy of a record a service could not use: the original key, value and headers,
 * unchanged, plus headers saying why, who refused it and where it came from.
 */
public final class DeadLetters {

    /** Reason code for a failure that is not a decoding problem. */
    public static final String PROCESSING_ERROR = "PROCESSING_ERROR";

    private DeadLetters() {
    }

    /** The stable reason code of a failure, as written in {@link GampHeaders#DLQ_REASON}. */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidRecordException invalid) {
                return invalid.reason().name();
            }
        }
        return PROCESSING_ERROR;
    }

    /** The most specific message of a failure. */
    public static String messageOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidRecordException) {
                return t.getMessage();
            }
        }
        return String.valueOf(error.getMessage());
    }

    public static ProducerRecord<byte[], byte[]> record(String service, String sourceTopic, int partition, long offset,
                                                        long timestamp, byte[] key, byte[] value, Headers original,
                                                        Throwable error) {
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        GampHeaders.put(headers, GampHeaders.DLQ_REASON, reasonOf(error));
        GampHeaders.put(headers, GampHeaders.DLQ_MESSAGE, messageOf(error));
        GampHeaders.put(headers, GampHeaders.DLQ_EXCEPTION, error.getClass().getName());
        GampHeaders.put(headers, GampHeaders.DLQ_SERVICE, service);
        GampHeaders.put(headers, GampHeaders.DLQ_SOURCE_TOPIC, sourceTopic);
        GampHeaders.put(headers, GampHeaders.DLQ_SOURCE_PARTITION, partition);
        GampHeaders.put(headers, GampHeaders.DLQ_SOURCE_OFFSET, offset);
        GampHeaders.put(headers, GampHeaders.DLQ_SOURCE_TIMESTAMP, timestamp);
        return new ProducerRecord<>(TopicCatalog.deadLetterQueueOf(sourceTopic), null, null, key, value, headers);
    }
}
