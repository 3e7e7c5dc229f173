package dev.gampplanner.runtime.dlq;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.schema.codec.InvalidRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Kafka Streams handler that copies a record it cannot decode or process to {@code <topic>.dlq}
 * (inside the task's transaction) and carries on: bad input never stops the planner.
 */
public final class DeadLetterExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Streams config key naming the service in DLQ headers. */
    public static final String SERVICE_NAME_CONFIG = "gamp.service.name";
    /** Streams config key holding the {@link MeterRegistry} to count dead letters in. */
    public static final String METER_REGISTRY_CONFIG = "gamp.meter.registry";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private final DeadLetterLog refusals = new DeadLetterLog(log);
    private String service = "planner";
    private MeterRegistry registry = Metrics.globalRegistry;

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(SERVICE_NAME_CONFIG);
        if (name != null) {
            service = name.toString();
        }
        if (configs.get(METER_REGISTRY_CONFIG) instanceof MeterRegistry meters) {
            registry = meters;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                               Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, record.key(), record.value(), exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            // A punctuation failed: there is no source record to copy, and no DLQ to copy it to.
            log.error("a punctuation of {} in task {} failed; processing goes on", context.processorNodeId(), context.taskId(),
                exception);
            registry.counter("gamp.punctuation.failures", "service", service).increment();
            return ProcessingExceptionHandler.Response.resume(List.of());
        }
        if (!(exception instanceof InvalidRecordException)) {
            // A record the processor refused is bad input; anything else is a defect worth its stack trace.
            log.error("processing failed at {}-{}@{}; the record goes to the DLQ", context.topic(), context.partition(),
                context.offset(), exception);
        }
        return ProcessingExceptionHandler.Response.resume(
            List.of(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception)));
    }

    private org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, byte[] key,
                                                                                    byte[] value, Exception exception) {
        String reason = DeadLetters.reasonOf(exception);
        refusals.refused(context.topic() + "-" + context.partition() + "@" + context.offset(), reason,
            DeadLetters.messageOf(exception));
        registry.counter("gamp.dead.letters", "service", service, "topic", context.topic(), "reason", reason).increment();
        return DeadLetters.record(service, context.topic(), context.partition(), context.offset(), context.timestamp(),
            key, value, context.headers(), exception);
    }
}
