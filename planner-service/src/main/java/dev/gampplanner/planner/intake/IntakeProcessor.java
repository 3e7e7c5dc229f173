package dev.gampplanner.planner.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.Encoded;

/**
 * Applies {@link Intake} to each PlanRequest and forwards what it decided. Everything forwarded for
 * one request (PlanOpened and the AgentRequests, or the PlanRejected) lands in the same
 * exactly-once transaction. Everything is decided before the first write, so a request whose handling fails goes to
 * the DLQ having changed nothing: the DLQ handler resumes, and the transaction commits what was written before the failure.
 */
final class IntakeProcessor implements Processor<byte[], Encoded<PlanRequest>, byte[], Encoded<?>> {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

    private final Intake intake;
    private final Duration memory;
    private final Duration minTimeLeft;
    private final PlannerMetrics metrics;
    private final PlanBacklog backlog;
    private ProcessorContext<byte[], Encoded<?>> context;
    private WindowStore<String, String> seen;

    /**
     * @param minTimeLeft a request reached with less than this before its deadline, after the plans ahead of it, is
     *     rejected at once
     * @param backlog the plans ahead of it, told of every plan opened
     */
    IntakeProcessor(Intake intake, Duration memory, Duration minTimeLeft, PlannerMetrics metrics, PlanBacklog backlog) {
        this.intake = intake;
        this.memory = memory;
        this.minTimeLeft = minTimeLeft;
        this.metrics = metrics;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<byte[], Encoded<?>> context) {
        this.context = context;
        this.seen = context.getStateStore(IntakeTopology.SEEN_STORE);
    }

    @Override
    public void process(Record<byte[], Encoded<PlanRequest>> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        MDC.put("correlationId", key == null ? "-" : key);
        try {
            Optional<String> previous = key == null ? Optional.empty() : previouslySeen(key, record.timestamp());
            IntakeDecision decision = intake.decide(key, record.value(),
                new Intake.Origin(source.topic(), source.partition(), source.offset(), timestamp), previous,
                Instant.ofEpochMilli(context.currentSystemTimeMs()), minTimeLeft, backlog);
            Writes writes = writes(record, key, previous, decision);
            // Counted before anything is written: a failure up to here leaves the window and the topics as they were,
            // so the request's DLQ copy is all it leaves behind, and resending it is not refused as a duplicate.
            observe(record.value(), decision);
            writes.forwards().forEach(routed -> context.forward(routed.record(), routed.sink()));
            writes.seen().ifPresent(sha256 -> seen.put(key, sha256, record.timestamp()));
            if (decision instanceof IntakeDecision.Accepted) {
                backlog.opened();
            }
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** What one request writes: the records to forward, and the digest to remember its correlation id by, if any. */
    private record Writes(List<Routed> forwards, Optional<String> seen) {
    }

    private record Routed(String sink, Record<byte[], Encoded<?>> record) {
    }

    private static Writes writes(Record<byte[], Encoded<PlanRequest>> record, String key, Optional<String> previous,
                                 IntakeDecision decision) {
        String sha256 = record.value().sha256();
        List<Routed> forwards = new ArrayList<>();
        if (decision instanceof IntakeDecision.Accepted accepted) {
            byte[] id = accepted.correlationId().toString().getBytes(StandardCharsets.UTF_8);
            forwards.add(new Routed(IntakeTopology.OPENED_SINK, new Record<>(id, accepted.opened(), record.timestamp())));
            for (Map.Entry<AgentKind, Encoded<AgentRequest>> request : accepted.requests().entrySet()) {
                forwards.add(new Routed(IntakeTopology.requestSink(request.getKey()),
                    new Record<>(id, request.getValue(), record.timestamp())));
            }
            return new Writes(forwards, Optional.of(sha256));
        }
        IntakeDecision.Rejected rejected = (IntakeDecision.Rejected) decision;
        forwards.add(new Routed(IntakeTopology.REJECTED_SINK,
            new Record<>(record.key(), Encoded.of(rejected.rejection()), record.timestamp())));
        // A rejected id is still taken: resending it must not open a plan after the rejection.
        boolean takesTheId = key != null && previous.isEmpty();
        return new Writes(forwards, takesTheId ? Optional.of(sha256) : Optional.empty());
    }

    private void observe(Encoded<PlanRequest> request, IntakeDecision decision) {
        if (decision instanceof IntakeDecision.Accepted accepted) {
            metrics.accepted();
            PlanOpened opened = accepted.opened().record();
            log.info("opened plan for {} (Category {}, {} requirements, deadline {})", request.record().getSource(),
                opened.getCategory().getCategory(), opened.getRequirements().size(), opened.getDeadline());
        } else if (decision instanceof IntakeDecision.Rejected rejected) {
            metrics.rejected(rejected.rejection().getReasons().get(0).getCode());
            log.info("rejected request from {}: {}", rejected.rejection().getSource(),
                rejected.rejection().getReasons().stream().map(r -> r.getCode()).toList());
        }
    }

    private Optional<String> previouslySeen(String key, long timestamp) {
        try (WindowStoreIterator<String> earlier = seen.fetch(key, Instant.ofEpochMilli(timestamp).minus(memory),
            Instant.ofEpochMilli(timestamp))) {
            return earlier.hasNext() ? Optional.of(earlier.next().value) : Optional.empty();
        }
    }
}
