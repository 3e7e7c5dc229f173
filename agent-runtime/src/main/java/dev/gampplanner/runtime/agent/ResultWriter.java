package dev.gampplanner.runtime.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.dlq.DeadLetterLog;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * Writes what a request led to, its AgentResult or its DLQ copy, and hands back the acknowledgement that falls due
 * once the write is on the broker: {@code ACCEPT} for a result, {@code REJECT} for a DLQ copy.
 */
final class ResultWriter {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

    private final String workerId;
    private final Agent agent;
    private final String resultTopic;
    private final Producer<byte[], byte[]> producer;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final DeadLetterLog refusals = new DeadLetterLog(log);

    ResultWriter(String workerId, Agent agent, String resultTopic, Producer<byte[], byte[]> producer, WorkerMetrics metrics,
                 Clock clock) {
        this.workerId = workerId;
        this.agent = agent;
        this.resultTopic = resultTopic;
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Writes the result; should the broker refuse it for good (too large, invalid), a FAILED result saying so takes its
     * place at once, so the plan learns of the failure instead of waiting for retries that cannot succeed.
     */
    Completion publish(ConsumerRecord<byte[], byte[]> record, AgentRequest request, String requestSha256,
                       Encoded<AgentResult> result, int attempt, Instant started) {
        Completion written = send(record, result, attempt, started);
        if (result.record().getStatus() == ResultStatus.FAILED) {
            return written;
        }
        return written.orOnRefusal(problem -> {
            metrics.failed();
            return send(record, Encoded.of(AgentResults.notWritable(agent, request, requestSha256, problem)), attempt, started);
        });
    }

    /** Copies an undecodable request to the DLQ, with the reason in its headers. */
    Completion deadLetter(ConsumerRecord<byte[], byte[]> record, InvalidRecordException error) {
        refusals.refused(Batch.key(record), error.reason().name(), error.getMessage());
        metrics.deadLettered(record.topic(), error.reason().name());
        ProducerRecord<byte[], byte[]> copy = DeadLetters.record(TopicCatalog.agentName(agent.kind()) + "-agent", record.topic(),
            record.partition(), record.offset(), record.timestamp(), record.key(), record.value(), record.headers(), error);
        return Completion.after(record, producer.send(copy), AcknowledgeType.REJECT);
    }

    private Completion send(ConsumerRecord<byte[], byte[]> record, Encoded<AgentResult> result, int attempt, Instant started) {
        RequestSpan.answered(result.record());
        RecordHeaders headers = new RecordHeaders();
        GampHeaders.put(headers, GampHeaders.WORKER, workerId);
        GampHeaders.put(headers, GampHeaders.ATTEMPT, attempt);
        GampHeaders.put(headers, GampHeaders.PROCESSING_MS, Duration.between(started, clock.instant()).toMillis());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(resultTopic, null, null, record.key(),
            result.bytes(), headers);
        return Completion.after(record, producer.send(out), AcknowledgeType.ACCEPT);
    }
}
