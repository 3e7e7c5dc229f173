package dev.gampplanner.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * Where an upstream system stands: it submits PlanRequests and collects the one answer each gets,
 * a MergedPlan or a PlanRejected. It starts reading the answer topics at their current end before
 * the first request is sent, so no answer can slip past.
 */
public final class PlanDesk implements AutoCloseable {

    /** The answer to one request. */
    public sealed interface Answer {
        String correlationId();

        /** Milliseconds from submission until this process read the answer. */
        long roundTripMs();
    }

    /** @param traceId the trace the plan was made in, when the planner ran with tracing on */
    public record Planned(MergedPlan plan, long roundTripMs, Optional<String> traceId) implements Answer {
        @Override
        public String correlationId() {
            return plan.getCorrelationId();
        }
    }

    public record Rejected(PlanRejected rejection, long roundTripMs) implements Answer {
        @Override
        public String correlationId() {
            return rejection.getCorrelationId();
        }
    }

    /** A request sent, with what it was about. */
    public record Submission(CorrelationId id, String source, long sentAtNanos) {
    }

    private final GampConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Submission> waiting = new ConcurrentHashMap<>();

    public PlanDesk(GampConfig config) {
        this.config = config;
        this.producer = KafkaClients.producer(config, "gamp-submit");
        this.consumer = KafkaClients.consumer(config, "gamp-answers", null);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(config.topics().merged(), config.topics().rejected())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the answer topics do not exist on " + config.bootstrapServers()
                + "; run 'gamp topics apply' or start the planner first");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, before anything is submitted.
        partitions.forEach(consumer::position);
    }

    /** Publishes a PlanRequest keyed by a fresh correlation id; returns once the broker has it. */
    public Submission submit(UrsFile file, Integer gampCategory, Instant deadline, String submittedBy) {
        return submit(file, gampCategory, deadline, submittedBy, true);
    }

    /**
     * Publishes a PlanRequest; with {@code await} false it returns as soon as the request is handed to
     * the producer, for load generators that must not wait a round trip per request. Thread-safe
     * against one thread calling {@link #poll}.
     */
    public Submission submit(UrsFile file, Integer gampCategory, Instant deadline, String submittedBy, boolean await) {
        CorrelationId id = CorrelationId.random();
        PlanRequest request = PlanRequest.newBuilder()
            .setSource(file.name())
            .setUrs(file.text())
            .setGampCategory(gampCategory)
            .setDeadline(deadline)
            .setSubmittedBy(submittedBy)
            .setLabels(Map.of())
            .build();
        long sentAt = System.nanoTime();
        Submission submission = new Submission(id, file.name(), sentAt);
        waiting.put(id.toString(), submission);
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(config.topics().planRequests(),
            id.toString().getBytes(StandardCharsets.UTF_8), AvroCodec.encode(request)));
        if (!await) {
            return submission;
        }
        try {
            sent.get();
        } catch (ExecutionException e) {
            waiting.remove(id.toString());
            throw new IllegalStateException("cannot publish " + file.name() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + file.name(), e);
        }
        return submission;
    }

    public int waitingCount() {
        return waiting.size();
    }

    public List<Submission> waiting() {
        return List.copyOf(waiting.values());
    }

    /** Answers to this desk's requests that arrived within {@code timeout}; other records are skipped. */
    public List<Answer> poll(Duration timeout) {
        List<Answer> answers = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            Submission submission = key == null ? null : waiting.remove(key);
            if (submission == null) {
                continue;
            }
            long roundTrip = Duration.ofNanos(System.nanoTime() - submission.sentAtNanos()).toMillis();
            try {
                if (record.topic().equals(config.topics().merged())) {
                    answers.add(new Planned(AvroCodec.decode(record.value(), MergedPlan.class), roundTrip,
                        TraceParent.traceId(record.headers())));
                } else {
                    answers.add(new Rejected(AvroCodec.decode(record.value(), PlanRejected.class), roundTrip));
                }
            } catch (InvalidRecordException e) {
                throw new IllegalStateException("the answer to " + key + " on " + record.topic() + " does not decode: "
                    + e.getMessage(), e);
            }
        }
        return answers;
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
    }
}
