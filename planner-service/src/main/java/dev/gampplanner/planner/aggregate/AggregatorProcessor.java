package dev.gampplanner.planner.aggregate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.PromptCommit;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/**
 * Joins a plan's PlanOpened and its agents' results into one MergedPlan.
 *
 * <p>A plan is emitted exactly once: when every expected agent has a terminal result, or when its
 * deadline passes. The wall-clock punctuator writes a DeadlineExpired (naming the agents still
 * missing) and closes the plan from it in the same transaction, exactly as reading that record
 * back closes it in a replay of the topics, so reprocessing needs no clock. Once a DeadlineExpired
 * is written, results can no longer complete the plan: the recorded decision stands.
 *
 * <p>The first result per agent wins; every other result for the plan (a redelivery's duplicate, one
 * after the deadline or after emission, one answering a request the planner did not write, one for
 * an agent the plan did not ask) is recorded on plan.late-results. Results that arrive before their
 * PlanOpened wait for it (up to GAMP_ORPHAN_TIMEOUT). A plan's state is removed once it is emitted;
 * only a small marker stays (GAMP_PLAN_RETENTION) to classify late results. A result not signed by a published key of
 * the agent it claims to come from is recorded as FORGED and counts for nothing: the plan waits for the genuine one.
 *
 * <p>Each input is first decided by the {@link PlanStateMachine}, which writes nothing; its {@link PlanWrites} are
 * made afterwards, so an input that fails leaves no half-changed state behind.
 */
final class AggregatorProcessor implements Processor<CorrelationId, Encoded<SpecificRecord>, CorrelationId, Encoded<?>> {

    private static final Logger log = LoggerFactory.getLogger(AggregatorProcessor.class);
    /** However slow the machine, a wake-up gets through at least this many due timers before it yields. */
    private static final int MIN_TIMERS_PER_WAKE = 10;

    private final AggregatorTopology.Settings settings;
    private final TopicCatalog topics;
    private final PlannerMetrics metrics;
    private final PlanStateMachine machine;
    private final DeadlineTraces traces = new DeadlineTraces();
    private final DeadlineLead lead;
    private final PlanBacklog backlog;
    private final PromptCommit prompt;
    private ProcessorContext<CorrelationId, Encoded<?>> context;
    private KeyValueStore<String, PlanState> plans;
    private KeyValueStore<String, HeldResult> held;
    private KeyValueStore<String, EmittedPlan> emitted;
    private Timers timers;
    private WakeUps wakeUps;
    private PublishedKeys signingKeys;

    AggregatorProcessor(AggregatorTopology.Settings settings, PlanAssembler assembler, TopicCatalog topics, Clock clock,
                        PlannerMetrics metrics, PlanBacklog backlog) {
        this.settings = settings;
        this.backlog = backlog;
        this.topics = topics;
        this.metrics = metrics;
        this.machine = new PlanStateMachine(settings, assembler, clock);
        this.lead = new DeadlineLead(settings.deadlines() ? settings.maxLead().toMillis() : 0);
        this.prompt = new PromptCommit(settings.commitInterval(), backlog::ahead);
    }

    @Override
    public void init(ProcessorContext<CorrelationId, Encoded<?>> context) {
        this.context = context;
        this.plans = context.getStateStore(AggregatorTopology.PLANS_STORE);
        this.held = context.getStateStore(AggregatorTopology.RESULTS_STORE);
        this.emitted = context.getStateStore(AggregatorTopology.EMITTED_STORE);
        this.signingKeys = new PublishedKeys(context.getStateStore(AggregatorTopology.SIGNING_KEYS_STORE));
        this.wakeUps = new WakeUps(context, settings, this::onTimers);
        this.timers = new Timers(context.<KeyValueStore<Bytes, byte[]>>getStateStore(AggregatorTopology.TIMERS_STORE),
            lead.maxLeadMs(), wakeUps::by);
        timers.nextLook(-1).ifPresent(wakeUps::by);
    }

    @Override
    public void process(Record<CorrelationId, Encoded<SpecificRecord>> record) {
        String id = record.key().toString();
        MDC.put("correlationId", id);
        long started = System.nanoTime();
        try {
            SpecificRecord value = record.value().record();
            String sha256 = record.value().sha256();
            PlanWrites writes;
            if (value instanceof PlanOpened opened) {
                requireConsistent(id, opened.getCorrelationId());
                writes = machine.opened(read(id), opened, sha256, record.timestamp());
                apply(writes);
                backlog.took();
                traces.opened(id);
            } else if (value instanceof AgentResult result) {
                requireConsistent(id, result.getCorrelationId());
                HeldResult held = held(result, sha256, record.timestamp());
                writes = machine.result(read(id), held, signingKeys.check(result.getAgent(), held.getTopic(), record));
                apply(writes);
                if (writes.late().isEmpty()) {
                    backlog.took();
                }
            } else if (value instanceof DeadlineExpired expired) {
                requireConsistent(id, expired.getCorrelationId());
                writes = machine.deadlineExpired(read(id), expired, sha256, record.timestamp());
                apply(writes);
            } else {
                throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                    "the aggregator does not read " + value.getSchema().getName() + " records");
            }
            committedPromptly(writes, record.timestamp());
        } finally {
            MDC.remove("correlationId");
            worked(started, 1);
        }
    }

    private void worked(long started, int inputs) {
        backlog.worked(System.nanoTime() - started, inputs);
    }

    /**
     * Wall-clock timers: deadlines to record, orphans to give up on, emitted plans to forget. Each timer is decided and
     * written on its own and is removed by its own writes: a timer has no record a DLQ could hold, so one whose
     * decision fails stays, to be tried again at the next check, while the other timers go on. A deadline is acted on
     * from its latest start ({@link DeadlineLead}); one wake-up works for at most the check interval, so that Streams
     * commits the plans closed so far, and the rest follow at once.
     */
    private void onTimers(long now) {
        wakeUps.woken();
        long started = System.nanoTime();
        // A wake-up is never sooner than the check interval after the last: what falls due before the next one could
        // come is acted on now.
        long nextCheck = now + settings.checkInterval().toMillis();
        List<Timers.Timer> window = timers.due(nextCheck + lead.maxLeadMs());
        long[] starts = lead.latestStarts(window.stream().filter(t -> t.kind() == Timers.Kind.DEADLINE).map(Timers.Timer::dueAt).toList());
        long budgetEnd = System.nanoTime() + settings.checkInterval().toNanos();
        long next = timers.nextLook(nextCheck + lead.maxLeadMs()).orElse(Long.MAX_VALUE);
        boolean unfinished = false;
        int deadline = 0;
        int handled = 0;
        int closes = 0;
        long closing = 0;
        for (Timers.Timer timer : window) {
            long actAt = timer.kind() == Timers.Kind.DEADLINE ? starts[deadline++] : timer.dueAt();
            if (actAt > nextCheck) {
                next = Math.min(next, actAt);
            } else if (handled >= MIN_TIMERS_PER_WAKE && System.nanoTime() > budgetEnd) {
                unfinished = true;
            } else {
                long firing = System.nanoTime();
                handled++;
                if (!fired(timer, now)) {
                    next = now;
                }
                if (timer.kind() == Timers.Kind.DEADLINE) {
                    closes++;
                    closing += System.nanoTime() - firing;
                }
            }
        }
        lead.measured(closes, closing);
        worked(started, handled);
        if (unfinished) {
            wakeUps.soon();
        } else if (next < Long.MAX_VALUE) {
            wakeUps.by(next);
        }
    }

    /** Whether the timer was decided; one that failed stays, to be tried again at the next check. */
    private boolean fired(Timers.Timer timer, long now) {
        MDC.put("correlationId", timer.correlationId());
        try {
            fire(timer, now);
            return true;
        } catch (RuntimeException e) {
            metrics.timerFailed(timer.kind().name());
            log.error("the {} timer of plan {} failed; it is tried again at the next check", timer.kind(), timer.correlationId(), e);
            return false;
        } finally {
            MDC.remove("correlationId");
        }
    }

    private void fire(Timers.Timer timer, long now) {
        String id = timer.correlationId();
        switch (timer.kind()) {
            case DEADLINE -> traces.deadlineDue(id, () -> applyTimer(timer, machine.deadlineDue(read(id), now)));
            case ORPHAN -> applyTimer(timer, machine.orphansDue(read(id), now));
            case FORGET -> {
                emitted.delete(id);
                timers.cancel(timer.dueAt(), timer.kind(), id);
            }
            default -> throw new IllegalStateException("unhandled timer " + timer.kind());
        }
    }

    private void applyTimer(Timers.Timer timer, PlanWrites writes) {
        writes.cancel(timer.dueAt(), timer.kind());
        apply(writes);
        committedPromptly(writes, timer.dueAt());
    }

    /** A plan answered is readable once its transaction commits: asked for at once unless {@code since} marks a backlog. */
    private void committedPromptly(PlanWrites writes, long since) {
        if (writes.merged().isPresent()) {
            prompt.after(context, since);
        }
    }

    private StoredPlan read(String id) {
        return StoredPlan.read(id, plans, held, emitted);
    }

    /** The result as the plan holds it, with where it was read from. */
    private HeldResult held(AgentResult result, String sha256, long timestamp) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        if (!source.topic().equals(topics.agentResults(result.getAgent()))) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE, "a " + result.getAgent()
                + " result arrived on " + source.topic());
        }
        return new HeldResult(result, sha256, source.topic(), source.partition(), source.offset(), timestamp);
    }

    /**
     * Makes the writes an input was decided to make. Encoding and counting come first, so a defect in either leaves the
     * stores and the topics as they were; what follows are only puts, deletes and forwards.
     */
    private void apply(PlanWrites writes) {
        String id = writes.id();
        List<Record<CorrelationId, Encoded<?>>> late = writes.late().stream()
            .map(record -> record.<Encoded<?>>withValue(Encoded.of(record.value()))).toList();
        Optional<Record<CorrelationId, Encoded<?>>> deadline = writes.deadline()
            .map(record -> record.<Encoded<?>>withValue(Encoded.of(record.value())));
        observe(writes);
        writes.holding().forEach((agent, result) -> held.put(StoredPlan.heldKey(id, agent), result));
        writes.dropping().forEach(agent -> held.delete(StoredPlan.heldKey(id, agent)));
        writes.state().ifPresent(state -> plans.put(id, state));
        if (writes.stateRemoved()) {
            plans.delete(id);
        }
        writes.emitted().ifPresent(marker -> emitted.put(id, marker));
        writes.scheduled().forEach(timer -> timers.schedule(timer.dueAt(), timer.kind(), id));
        writes.cancelled().forEach(timer -> timers.cancel(timer.dueAt(), timer.kind(), id));
        late.forEach(record -> context.forward(record, AggregatorTopology.LATE_SINK));
        writes.merged().ifPresent(merged -> {
            context.forward(merged, AggregatorTopology.MERGED_SINK);
            traces.closed(id);
            backlog.answered((int) merged.value().record().getAgents().stream()
                .filter(outcome -> outcome.getStatus() == AgentOutcomeStatus.TIMED_OUT).count());
        });
        deadline.ifPresent(record -> context.forward(record, AggregatorTopology.COORDINATION_SINK));
    }

    private void observe(PlanWrites writes) {
        writes.late().forEach(late -> {
            metrics.late(late.value().getCause().name());
            log.info("{} result recorded as late: {} ({})", late.value().getAgent(), late.value().getCause(), late.value().getDetail());
        });
        writes.merged().ifPresent(merged -> {
            MergedPlan plan = merged.value().record();
            metrics.emitted(plan);
            log.info("plan {} emitted: {} ({} ms after the request)", plan.getSource(), plan.getStatus(), plan.getLatencyMs());
        });
        writes.deadline().ifPresent(expired -> {
            DeadlineExpired decision = expired.value();
            long ahead = decision.getDeadline().toEpochMilli() - decision.getDecidedAt().toEpochMilli();
            metrics.deadlineExpired(ahead > 0);
            if (ahead > 0) {
                log.info("plan {} closed {} ms ahead of its deadline, to be answered by it, without {}", writes.source(), ahead,
                    decision.getMissingAgents());
            } else {
                log.info("deadline of plan {} passed without {}", writes.source(), decision.getMissingAgents());
            }
        });
    }

    private static void requireConsistent(String key, String correlationId) {
        if (!key.equals(correlationId)) {
            throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY,
                "the key " + key + " is not the record's correlation id " + correlationId);
        }
    }
}
