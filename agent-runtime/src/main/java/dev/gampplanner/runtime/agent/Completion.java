package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's acknowledgement, due once the record it produced (result or DLQ copy) is written.
 * If that write fails, the request is released so it is tried again rather than lost.
 */
record Completion(ConsumerRecord<byte[], byte[]> record, Future<RecordMetadata> write, AcknowledgeType onWritten,
                  Function<String, Completion> onRefusal) {

    private static final Logger log = LoggerFactory.getLogger(Completion.class);

    static Completion now(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
        return new Completion(record, null, type, null);
    }

    static Completion after(ConsumerRecord<byte[], byte[]> record, Future<RecordMetadata> write, AcknowledgeType type) {
        return new Completion(record, write, type, null);
    }

    /** This completion, with what to write instead should the broker refuse the record for good. */
    Completion orOnRefusal(Function<String, Completion> replacement) {
        return new Completion(record, write, onWritten, replacement);
    }

    AcknowledgeType await(Duration timeout) {
        if (write == null) {
            return onWritten;
        }
        try {
            write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return onWritten;
        } catch (ExecutionException e) {
            if (onRefusal != null && isPermanent(e.getCause())) {
                log.warn("the broker refused the outcome of {}-{}@{} for good ({}); answering FAILED instead", record.topic(),
                    record.partition(), record.offset(), e.getCause().toString());
                return onRefusal.apply(e.getCause().getMessage()).await(timeout);
            }
            return releaseAfter(e);
        } catch (TimeoutException e) {
            return releaseAfter(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AcknowledgeType.RELEASE;
        }
    }

    private AcknowledgeType releaseAfter(Exception failedWrite) {
        log.warn("writing the outcome of {}-{}@{} failed ({}); releasing it for another attempt", record.topic(),
            record.partition(), record.offset(), failedWrite.toString());
        return AcknowledgeType.RELEASE;
    }

    /** Failures a retry cannot mend: the same record would be refused the same way. */
    private static boolean isPermanent(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
            || error instanceof org.apache.kafka.common.InvalidRecordException || error instanceof SerializationException;
    }
}
