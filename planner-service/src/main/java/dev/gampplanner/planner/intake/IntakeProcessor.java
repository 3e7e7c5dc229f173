package dev.gampplanner.planner.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.Encoded;

/**
 * Applies {@link Intake} to each PlanRequest and forwards what it decided. Everything forwarded for
 * one request (PlanOpened and the AgentRequests, or the PlanRejected) lands in the same
 * exactly-once transaction.
 */
final class IntakeProcessor implements Processor<byte[], Encoded<PlanRequest>, byte[], Encoded<?>> {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);

    private final Intake intake;
    private final Duration memory;
    private final Duration minTimeLeft;
    private final PlannerMetrics metrics;
    private ProcessorContext<byte[], Encoded<?>> context;
    private WindowStore<String, String> seen;

    /** @param minTimeLeft a request reached with less than this before its deadline is rejected at once */
    IntakeProcessor(Intake intake, Duration memory, Duration minTimeLeft, PlannerMetrics metrics) {
        this.intake = intake;
        this.memory = memory;
        this.minTimeLeft = minTimeLeft;
        this.metrics = metrics;
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
                Instant.ofEpochMilli(context.currentSystemTimeMs()), minTimeLeft);
            if (decision instanceof IntakeDecision.Accepted accepted) {
                seen.put(key, record.value().sha256(), record.timestamp());
                byte[] id = accepted.correlationId().toString().getBytes(StandardCharsets.UTF_8);
                context.forward(new Record<byte[], Encoded<?>>(id, accepted.opened(), record.timestamp()), IntakeTopology.OPENED_SINK);
                for (Map.Entry<AgentKind, Encoded<AgentRequest>> request : accepted.requests().entrySet()) {
                    context.forward(new Record<byte[], Encoded<?>>(id, request.getValue(), record.timestamp()),
                        IntakeTopology.requestSink(request.getKey()));
                }
                metrics.accepted();
                log.info("opened plan for {} (Category {}, {} requirements, deadline {})", record.value().record().getSource(),
                    accepted.opened().record().getCategory().getCategory(), accepted.opened().record().getRequirements().size(),
                    accepted.opened().record().getDeadline());
            } else if (decision instanceof IntakeDecision.Rejected rejected) {
                if (key != null && previous.isEmpty()) {
                    // A rejected id is still taken: resending it must not open a plan after the rejection.
                    seen.put(key, record.value().sha256(), record.timestamp());
                }
                context.forward(new Record<byte[], Encoded<?>>(record.key(), Encoded.of(rejected.rejection()), record.timestamp()),
                    IntakeTopology.REJECTED_SINK);
                metrics.rejected(rejected.rejection().getReasons().get(0).getCode());
                log.info("rejected request from {}: {}", rejected.rejection().getSource(),
                    rejected.rejection().getReasons().stream().map(r -> r.getCode()).toList());
            }
        } finally {
            MDC.remove("correlationId");
        }
    }

    private Optional<String> previouslySeen(String key, long timestamp) {
        try (WindowStoreIterator<String> earlier = seen.fetch(key, Instant.ofEpochMilli(timestamp).minus(memory),
            Instant.ofEpochMilli(timestamp))) {
            return earlier.hasNext() ? Optional.of(earlier.next().value) : Optional.empty();
        }
    }
}
