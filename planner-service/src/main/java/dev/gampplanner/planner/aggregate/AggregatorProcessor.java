package dev.gampplanner.planner.aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateReason;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.ResultRef;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;
import dev.gampplanner.schema.state.EmittedOutcome;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.HeldResultRef;
import dev.gampplanner.schema.state.PlanState;

/**
 * Joins a plan's PlanOpened and its agents' results into one MergedPlan.
 *
 * <p>A plan is emitted exactly once: when every expected agent has a terminal result, or when its
 * DeadlineExpired comes back on plan.coordination. The wall-clock punctuator only <em>writes</em>
 * DeadlineExpired (naming the agents still missing); the plan is closed when that record is read,
 * exactly as a replay of the topics would close it, so reprocessing needs no clock. Once a
 * DeadlineExpired is written, results can no longer complete the plan: the recorded decision stands.
 *
 * <p>The first result per agent wins; every other result for the plan (a redelivery's duplicate, one
 * after the deadline or after emission, one answering a request the planner did not write, one for
 * an agent the plan did not ask) is recorded on plan.late-results. Results that arrive before their
 * PlanOpened wait for it (up to GAMP_ORPHAN_TIMEOUT). A plan's state is removed once it is emitted;
 * only a small marker stays (GAMP_PLAN_RETENTION) to classify late results.
 */
final class AggregatorProcessor implements Processor<CorrelationId, Encoded<SpecificRecord>, CorrelationId, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(AggregatorProcessor.class);

    private final AggregatorTopology.Settings settings;
    private final PlanAssembler assembler;
    private final TopicCatalog topics;
    private final Clock clock;
    private final PlannerMetrics metrics;
    private ProcessorContext<CorrelationId, SpecificRecord> context;
    private KeyValueStore<String, PlanState> plans;
    private KeyValueStore<String, HeldResult> held;
    private KeyValueStore<String, EmittedPlan> emitted;
    private Timers timers;
    private Cancellable wakeUp;
    private long wakeAt = Long.MAX_VALUE;

    AggregatorProcessor(AggregatorTopology.Settings settings, PlanAssembler assembler, TopicCatalog topics, Clock clock,
                        PlannerMetrics metrics) {
        this.settings = settings;
        this.assembler = assembler;
        this.topics = topics;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<CorrelationId, SpecificRecord> context) {
        this.context = context;
        this.plans = context.getStateStore(AggregatorTopology.PLANS_STORE);
        this.held = context.getStateStore(AggregatorTopology.RESULTS_STORE);
        this.emitted = context.getStateStore(AggregatorTopology.EMITTED_STORE);
        this.timers = new Timers(context.<KeyValueStore<Bytes, byte[]>>getStateStore(AggregatorTopology.TIMERS_STORE),
            this::wakeBy);
        timers.earliest().ifPresent(this::wakeBy);
    }

    /**
     * Arranges a wall-clock punctuation no later than {@code dueAt}, and no sooner than the check interval from now
     * (timers falling due together are handled together). The punctuator runs only when a timer is due, not at a fixed
     * rate: Streams commits a transaction after every punctuation, and a fixed-rate punctuator in each task would
     * commit several transactions a second with nothing to do, delaying the results waiting behind them.
     */
    private void wakeBy(long dueAt) {
        if (!settings.deadlines()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        long target = Math.max(dueAt, now + settings.checkInterval().toMillis());
        if (target >= wakeAt) {
            return;
        }
        if (wakeUp != null) {
            wakeUp.cancel();
        }
        wakeAt = target;
        wakeUp = context.schedule(Duration.ofMillis(target - now), PunctuationType.WALL_CLOCK_TIME, this::onTimers);
    }

    @Override
    public void process(Record<CorrelationId, Encoded<SpecificRecord>> record) {
        String id = record.key().toString();
        MDC.put("correlationId", id);
        try {
            SpecificRecord value = record.value().record();
            if (value instanceof PlanOpened opened) {
                onOpened(id, opened, record.value().sha256(), record.timestamp());
            } else if (value instanceof AgentResult result) {
                onResult(id, result, record.value().sha256(), record.timestamp());
            } else if (value instanceof DeadlineExpired expired) {
                onDeadlineExpired(id, expired, record.value().sha256(), record.timestamp());
            } else {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                    "the aggregator does not read " + value.getSchema().getName() + " records");
            }
        } finally {
            MDC.remove("correlationId");
        }
    }

    private void onOpened(String id, PlanOpened opened, String sha256, long timestamp) {
        requireConsistent(id, opened.getCorrelationId());
        PlanState state = load(id);
        if (emitted.get(id) != null || (state != null && state.getOpened() != null)) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                "a second PlanOpened for plan " + id + " (" + sha256 + "); the first one stands");
        }
        if (state == null) {
            state = newState();
        }
        state.setOpened(opened);
        state.setOpenedSha256(sha256);
        // Results that waited for their PlanOpened are checked against it now.
        List<HeldResultRef> kept = new ArrayList<>();
        for (HeldResultRef ref : state.getHeldResults()) {
            Optional<LateReason> refused = refusal(opened, ref);
            if (refused.isPresent()) {
                release(id, ref, refused.get(), timestamp, detailFor(refused.get(), ref));
            } else {
                kept.add(ref);
            }
        }
        state.setHeldResults(kept);
        timers.schedule(opened.getDeadline().toEpochMilli(), Timers.Kind.DEADLINE, id);
        settle(id, state, timestamp);
    }

    private void onResult(String id, AgentResult result, String sha256, long timestamp) {
        requireConsistent(id, result.getCorrelationId());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (!source.topic().equals(topics.agentResults(result.getAgent()))) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE, "a " + result.getAgent()
                + " result arrived on " + source.topic());
        }
        HeldResultRef ref = new HeldResultRef(result.getAgent(), result.getAgentRequestSha256(), result.getStatus(), sha256,
            source.topic(), source.partition(), source.offset(), timestamp);
        EmittedPlan marker = emitted.get(id);
        if (marker != null) {
            LateReason reason = marker.getOutcomes().stream()
                .filter(o -> o.getAgent() == result.getAgent())
                .findFirst()
                .map(o -> !result.getAgentRequestSha256().equals(o.getAgentRequestSha256()) ? LateReason.DIGEST_MISMATCH
                    : o.getStatus() == AgentOutcomeStatus.TIMED_OUT ? LateReason.AFTER_DEADLINE : LateReason.AFTER_COMPLETION)
                .orElse(LateReason.UNEXPECTED_AGENT);
            late(id, ref, reason, timestamp, "the plan was emitted as " + marker.getStatus() + " before this result arrived");
            return;
        }
        PlanState state = load(id);
        if (state == null) {
            state = newState();
            timers.schedule(state.getFirstSeenAt() + settings.orphanTimeout().toMillis(), Timers.Kind.ORPHAN, id);
        }
        Optional<LateReason> refused = state.getOpened() == null ? Optional.empty() : refusal(state.getOpened(), ref);
        Optional<HeldResultRef> first = heldFor(state, result.getAgent());
        if (refused.isPresent()) {
            late(id, ref, refused.get(), timestamp, detailFor(refused.get(), ref));
        } else if (first.isPresent()) {
            late(id, ref, LateReason.DUPLICATE, timestamp, "the first " + result.getAgent() + " result ("
                + first.get().getSha256() + ") was already taken");
        } else if (state.getDeadlineExpired() != null && state.getDeadlineExpired().getMissingAgents().contains(result.getAgent())) {
            late(id, ref, LateReason.AFTER_DEADLINE, timestamp, "the deadline decision named this agent as missing");
        } else {
            held.put(heldKey(id, result.getAgent()), new HeldResult(result, sha256, source.topic(), source.partition(),
                source.offset(), timestamp));
            List<HeldResultRef> results = new ArrayList<>(state.getHeldResults());
            results.add(ref);
            state.setHeldResults(results);
        }
        settle(id, state, timestamp);
    }

    private void onDeadlineExpired(String id, DeadlineExpired expired, String sha256, long timestamp) {
        requireConsistent(id, expired.getCorrelationId());
        if (emitted.get(id) != null) {
            log.debug("deadline record for plan {} read after the plan was emitted; nothing to do", id);
            return;
        }
        PlanState state = load(id);
        if (state == null || state.getOpened() == null) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                "a DeadlineExpired for plan " + id + ", which has no PlanOpened");
        }
        state.setDeadlineSignalled(true);
        state.setDeadlineExpired(expired);
        state.setDeadlineExpiredSha256(sha256);
        state.setDeadlineExpiredTimestamp(timestamp);
        List<HeldResultRef> kept = new ArrayList<>();
        for (HeldResultRef ref : state.getHeldResults()) {
            if (expired.getMissingAgents().contains(ref.getAgent())) {
                release(id, ref, LateReason.AFTER_DEADLINE, timestamp, "it arrived after the deadline decision was written");
            } else {
                kept.add(ref);
            }
        }
        state.setHeldResults(kept);
        settle(id, state, timestamp);
    }

    /**
     * Emits the plan if it is decided, else stores its state. Decided means: every expected agent has
     * a result and no deadline decision was written; or the deadline decision has been read and every
     * agent it did not name as missing has its result.
     */
    private void settle(String id, PlanState state, long timestamp) {
        PlanOpened opened = state.getOpened();
        if (opened == null) {
            plans.put(id, state);
            return;
        }
        Set<AgentKind> expected = EnumSet.copyOf(opened.getExpectedAgents());
        Set<AgentKind> answered = EnumSet.noneOf(AgentKind.class);
        state.getHeldResults().forEach(ref -> answered.add(ref.getAgent()));
        DeadlineExpired expired = state.getDeadlineExpired();
        boolean decided;
        if (expired != null) {
            Set<AgentKind> required = EnumSet.copyOf(expected);
            expired.getMissingAgents().forEach(required::remove);
            decided = answered.containsAll(required);
        } else {
            decided = !state.getDeadlineSignalled() && answered.containsAll(expected);
        }
        if (!decided) {
            plans.put(id, state);
            return;
        }
        // The plan is complete as of its latest input; a PlanOpened that arrives after every result carries the
        // request's timestamp, which would make the plan look older than its answers.
        long completedAt = expired != null ? state.getDeadlineExpiredTimestamp()
            : Math.max(timestamp, state.getHeldResults().stream().mapToLong(HeldResultRef::getTimestamp).max().orElse(timestamp));
        Map<AgentKind, HeldResult> merged = new EnumMap<>(AgentKind.class);
        for (HeldResultRef ref : state.getHeldResults()) {
            merged.put(ref.getAgent(), held.delete(heldKey(id, ref.getAgent())));
        }
        MergedPlan plan = assembler.assemble(opened, state.getOpenedSha256(), merged, expired, state.getDeadlineExpiredSha256(),
            Instant.ofEpochMilli(completedAt));
        context.forward(new Record<>(CorrelationId.parse(id), plan, completedAt), AggregatorTopology.MERGED_SINK);
        List<EmittedOutcome> outcomes = plan.getAgents().stream()
            .map(o -> new EmittedOutcome(o.getAgent(), o.getStatus(), o.getResultSha256(), opened.getAgentRequests().stream()
                .filter(ref -> ref.getAgent() == o.getAgent()).map(AgentRequestRef::getSha256).findFirst().orElse(null)))
            .toList();
        emitted.put(id, new EmittedPlan(plan.getStatus(), outcomes, completedAt));
        timers.schedule(clock.millis() + settings.planRetention().toMillis(), Timers.Kind.FORGET, id);
        timers.cancel(opened.getDeadline().toEpochMilli(), Timers.Kind.DEADLINE, id);
        plans.delete(id);
        metrics.emitted(plan.getStatus().name(), plan.getLatencyMs());
        log.info("plan {} emitted: {} ({} ms after the request)", opened.getSource(), plan.getStatus(), plan.getLatencyMs());
    }

    /** Wall-clock timers: deadlines to record, orphans to give up on, emitted plans to forget. */
    private void onTimers(long now) {
        wakeUp.cancel();
        wakeUp = null;
        wakeAt = Long.MAX_VALUE;
        for (Timers.Timer timer : timers.takeDue(now)) {
            String id = timer.correlationId();
            switch (timer.kind()) {
                case DEADLINE -> signalDeadline(id, now);
                case ORPHAN -> giveUpOnOrphans(id, now);
                case FORGET -> emitted.delete(id);
                default -> throw new IllegalStateException("unhandled timer " + timer.kind());
            }
        }
        timers.earliest().ifPresent(this::wakeBy);
    }

    private void signalDeadline(String id, long now) {
        PlanState state = load(id);
        if (state == null || state.getOpened() == null || state.getDeadlineSignalled()) {
            return;
        }
        PlanOpened opened = state.getOpened();
        List<AgentKind> missing = new ArrayList<>();
        List<ResultRef> received = new ArrayList<>();
        for (AgentKind agent : opened.getExpectedAgents()) {
            Optional<HeldResultRef> ref = heldFor(state, agent);
            if (ref.isPresent()) {
                received.add(new ResultRef(agent, ref.get().getSha256()));
            } else {
                missing.add(agent);
            }
        }
        DeadlineExpired expired = DeadlineExpired.newBuilder()
            .setCorrelationId(id)
            .setDeadline(opened.getDeadline())
            .setDecidedAt(Instant.ofEpochMilli(now))
            .setMissingAgents(missing)
            .setReceivedResults(received)
            .build();
        state.setDeadlineSignalled(true);
        plans.put(id, state);
        context.forward(new Record<>(CorrelationId.parse(id), expired, now), AggregatorTopology.COORDINATION_SINK);
        metrics.deadlineExpired();
        MDC.put("correlationId", id);
        log.info("deadline of plan {} passed without {}", opened.getSource(), missing);
        MDC.remove("correlationId");
    }

    private void giveUpOnOrphans(String id, long now) {
        PlanState state = load(id);
        if (state == null || state.getOpened() != null) {
            return;
        }
        for (HeldResultRef ref : state.getHeldResults()) {
            release(id, ref, LateReason.ORPHAN, now, "no PlanOpened arrived within " + settings.orphanTimeout().toSeconds() + " s");
        }
        plans.delete(id);
    }

    /** Why a result cannot be merged into the plan {@code opened}, if it cannot. */
    private static Optional<LateReason> refusal(PlanOpened opened, HeldResultRef ref) {
        AgentKind agent = ref.getAgent();
        if (!opened.getExpectedAgents().contains(agent)) {
            return Optional.of(LateReason.UNEXPECTED_AGENT);
        }
        boolean answersOurRequest = opened.getAgentRequests().stream()
            .filter(request -> request.getAgent() == agent)
            .map(AgentRequestRef::getSha256)
            .anyMatch(sha -> sha.equals(ref.getAgentRequestSha256()));
        return answersOurRequest ? Optional.empty() : Optional.of(LateReason.DIGEST_MISMATCH);
    }

    private static String detailFor(LateReason reason, HeldResultRef ref) {
        return switch (reason) {
            case UNEXPECTED_AGENT -> "the plan did not ask the " + ref.getAgent() + " agent";
            case DIGEST_MISMATCH -> "it answers request " + ref.getAgentRequestSha256()
                + ", which is not the request the planner wrote for this plan";
            default -> reason.name();
        };
    }

    /**
     * The stored state of a plan, or null. State written by the first format holds its results inline; they move to the
     * results store here, so a plan in flight across an upgrade keeps every result it had.
     */
    private PlanState load(String id) {
        PlanState state = plans.get(id);
        if (state == null || state.getResults().isEmpty()) {
            return state;
        }
        List<HeldResultRef> refs = new ArrayList<>(state.getHeldResults());
        for (HeldResult inline : state.getResults()) {
            AgentResult result = inline.getResult();
            held.put(heldKey(id, result.getAgent()), inline);
            refs.add(new HeldResultRef(result.getAgent(), result.getAgentRequestSha256(), result.getStatus(),
                inline.getSha256(), inline.getTopic(), inline.getPartition(), inline.getOffset(), inline.getTimestamp()));
        }
        state.setResults(new ArrayList<>());
        state.setHeldResults(refs);
        return state;
    }

    private static Optional<HeldResultRef> heldFor(PlanState state, AgentKind agent) {
        return state.getHeldResults().stream().filter(ref -> ref.getAgent() == agent).findFirst();
    }

    private static String heldKey(String id, AgentKind agent) {
        return id + "/" + agent.name();
    }

    /** A held result that will not be merged after all: recorded as late, and no longer held. */
    private void release(String id, HeldResultRef ref, LateReason reason, long timestamp, String detail) {
        held.delete(heldKey(id, ref.getAgent()));
        late(id, ref, reason, timestamp, detail);
    }

    private void late(String id, HeldResultRef ref, LateReason reason, long timestamp, String detail) {
        LateResult late = LateResult.newBuilder()
            .setCorrelationId(id)
            .setAgent(ref.getAgent())
            .setReason(reason)
            .setResultSha256(ref.getSha256())
            .setResultStatus(ref.getStatus())
            .setResultTopic(ref.getTopic())
            .setResultPartition(ref.getPartition())
            .setResultOffset(ref.getOffset())
            .setDetail(detail)
            .build();
        context.forward(new Record<>(CorrelationId.parse(id), late, timestamp), AggregatorTopology.LATE_SINK);
        metrics.late(reason.name());
        log.info("{} result recorded as late: {} ({})", ref.getAgent(), reason, detail);
    }

    private PlanState newState() {
        return PlanState.newBuilder()
            .setOpened(null)
            .setOpenedSha256(null)
            .setResults(new ArrayList<>())
            .setHeldResults(new ArrayList<>())
            .setFirstSeenAt(clock.millis())
            .setDeadlineSignalled(false)
            .setDeadlineExpired(null)
            .setDeadlineExpiredSha256(null)
            .setDeadlineExpiredTimestamp(0)
            .build();
    }

    private static void requireConsistent(String key, String correlationId) {
        if (!key.equals(correlationId)) {
            throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY,
                "the key " + key + " is not the record's correlation id " + correlationId);
        }
    }
}
