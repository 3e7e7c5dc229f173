package dev.gampplanner.planner.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
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
import dev.gampplanner.planner.PromptCommit;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.AvroSerdes;
import dev.gampplanner.schema.codec.Encoded;

/**
 * Applies {@link Intake} to each PlanRequest and forwards what it decided; a request it holds ({@link WaitingRoom}) is
 * decided again every {@link #WAIT_CHECK} of the wall clock. Everything forwarded for
 * one request (PlanOpened and the AgentRequests, or the PlanRejected) lands in the same
 * exactly-once transaction, with taking it out of the room. Everything is decided before the first write, so a request whose handling fails goes to
 * the DLQ having changed nothing: the DLQ handler resumes, and the transaction commits what was written before the failure.
 */
final class IntakeProcessor implements Processor<byte[], Encoded<PlanRequest>, byte[], Encoded<?>> {

    private static final Logger log = LoggerFactory.getLogger(IntakeProcessor.class);
    /** How often the waiting requests are decided again: a plan answered makes room for the next within about this. */
    private static final Duration WAIT_CHECK = Duration.ofMillis(50);
    private static final Deserializer<Encoded<PlanRequest>> REQUESTS = AvroSerdes.encoded(PlanRequest.class).deserializer();

    private final Intake intake;
    private final Duration memory;
    private final Duration minTimeLeft;
    private final PlannerMetrics metrics;
    private final PlanBacklog backlog;
    private final PromptCommit prompt;
    private ProcessorContext<byte[], Encoded<?>> context;
    private WindowStore<String, String> seen;
    private WaitingRoom room;

    /**
     * @param minTimeLeft a request reached with less than this before its deadline, after the plans ahead of it, is
     *     rejected at once
     * @param backlog the plans ahead of it, told of every plan opened
     * @param prompt commits a decided request's writes at once while the intake keeps up
     */
    IntakeProcessor(Intake intake, Duration memory, Duration minTimeLeft, PlannerMetrics metrics, PlanBacklog backlog,
                    PromptCommit prompt) {
        this.intake = intake;
        this.memory = memory;
        this.minTimeLeft = minTimeLeft;
        this.metrics = metrics;
        this.backlog = backlog;
        this.prompt = prompt;
    }

    @Override
    public void init(ProcessorContext<byte[], Encoded<?>> context) {
        this.context = context;
        this.seen = context.getStateStore(IntakeTopology.SEEN_STORE);
        this.room = new WaitingRoom(context.getStateStore(IntakeTopology.WAITING_STORE));
        backlog.waiting(room.size());
        context.schedule(WAIT_CHECK, PunctuationType.WALL_CLOCK_TIME, this::admitWaiting);
    }

    @Override
    public void process(Record<byte[], Encoded<PlanRequest>> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Intake.Origin origin = new Intake.Origin(source.topic(), source.partition(), source.offset(),
            Instant.ofEpochMilli(record.timestamp()));
        MDC.put("correlationId", key == null ? "-" : key);
        try {
            Optional<String> previous = key == null ? Optional.empty() : previouslySeen(key, record.timestamp());
            IntakeDecision decision = intake.decide(key, record.value(), origin, previous,
                Instant.ofEpochMilli(context.currentSystemTimeMs()), minTimeLeft, backlog, !room.isEmpty());
            if (decision instanceof IntakeDecision.Waiting waiting) {
                // Its id is taken while it waits: a second request with it is refused, not held beside it.
                room.hold(waiting.deadline(), new WaitingRoom.Held(key, origin, record.value().bytes()));
                seen.put(key, record.value().sha256(), record.timestamp());
                backlog.waiting(1);
                log.debug("holding request from {} until the plans ahead leave it time", record.value().record().getSource());
                return;
            }
            Writes writes = writes(record.key(), key, record.timestamp(), record.value(), previous, decision);
            // Counted before anything is written: a failure up to here leaves the window and the topics as they were,
            // so the request's DLQ copy is all it leaves behind, and resending it is not refused as a duplicate.
            observe(record.value(), decision);
            write(writes, key, record.timestamp(), decision);
        } finally {
            MDC.remove("correlationId");
        }
    }

    /**
     * Decides the waiting requests again, earliest deadline first, and stops at the first that must wait still: later
     * deadlines wait behind it. One whose decision fails cannot be left to block the others, nor unanswered past its
     * deadline: it is refused with the failure (it stays on plan.requests, to be submitted again).
     */
    private void admitWaiting(long now) {
        while (!room.isEmpty()) {
            WaitingRoom.Seat seat = room.first().orElseThrow();
            WaitingRoom.Held held = seat.held();
            Encoded<PlanRequest> request = REQUESTS.deserialize(held.origin().topic(), held.request());
            long timestamp = held.origin().timestamp().toEpochMilli();
            MDC.put("correlationId", held.key());
            try {
                IntakeDecision decision;
                try {
                    decision = intake.decide(held.key(), request, held.origin(), Optional.empty(), Instant.ofEpochMilli(now),
                        minTimeLeft, backlog, false);
                } catch (RuntimeException e) {
                    log.error("deciding the held request {}-{}@{} failed; it is refused", held.origin().topic(),
                        held.origin().partition(), held.origin().offset(), e);
                    decision = intake.failed(held.key(), request, held.origin(), e);
                }
                if (decision instanceof IntakeDecision.Waiting) {
                    return;
                }
                Writes writes = writes(held.key().getBytes(StandardCharsets.UTF_8), held.key(), timestamp, request,
                    Optional.empty(), decision).forwardsOnly();
                observe(request, decision);
                room.release(seat);
                backlog.waiting(-1);
                write(writes, held.key(), timestamp, decision);
            } finally {
                MDC.remove("correlationId");
            }
        }
    }

    private void write(Writes writes, String key, long timestamp, IntakeDecision decision) {
        writes.forwards().forEach(routed -> context.forward(routed.record(), routed.sink()));
        writes.seen().ifPresent(sha256 -> seen.put(key, sha256, timestamp));
        if (decision instanceof IntakeDecision.Accepted) {
            backlog.opened();
        }
        prompt.after(context, timestamp);
    }

    @Override
    public void close() {
        if (room != null) {
            backlog.waiting(-room.size());
        }
    }

    /** What one request writes: the records to forward, and the digest to remember its correlation id by, if any. */
    private record Writes(List<Routed> forwards, Optional<String> seen) {

        /** For a held request, whose id was taken when it was held. */
        Writes forwardsOnly() {
            return new Writes(forwards, Optional.empty());
        }
    }

    private record Routed(String sink, Record<byte[], Encoded<?>> record) {
    }

    private static Writes writes(byte[] rawKey, String key, long timestamp, Encoded<PlanRequest> request,
                                 Optional<String> previous, IntakeDecision decision) {
        List<Routed> forwards = new ArrayList<>();
        if (decision instanceof IntakeDecision.Accepted accepted) {
            byte[] id = accepted.correlationId().toString().getBytes(StandardCharsets.UTF_8);
            forwards.add(new Routed(IntakeTopology.OPENED_SINK, new Record<>(id, accepted.opened(), timestamp)));
            for (Map.Entry<AgentKind, Encoded<AgentRequest>> agentRequest : accepted.requests().entrySet()) {
                forwards.add(new Routed(IntakeTopology.requestSink(agentRequest.getKey()),
                    new Record<>(id, agentRequest.getValue(), timestamp)));
            }
            return new Writes(forwards, Optional.of(request.sha256()));
        }
        IntakeDecision.Rejected rejected = (IntakeDecision.Rejected) decision;
        forwards.add(new Routed(IntakeTopology.REJECTED_SINK, new Record<>(rawKey, Encoded.of(rejected.rejection()), timestamp)));
        // A rejected id is still taken: resending it must not open a plan after the rejection.
        boolean takesTheId = key != null && previous.isEmpty();
        return new Writes(forwards, takesTheId ? Optional.of(request.sha256()) : Optional.empty());
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
