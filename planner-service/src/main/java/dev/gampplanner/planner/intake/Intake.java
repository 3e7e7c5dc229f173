package dev.gampplanner.planner.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.domain.Deadline;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.category.Categorizer;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.CategoryDecision;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.RejectionReason;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.codec.Encoded;

/**
 * The planner's decision about one request: validate it, take or determine its GAMP category,
 * derive the test strategy, and build the PlanOpened and AgentRequests.
 *
 * <p>A pure function of the request record (key, bytes, timestamp) and the planner's knowledge: it
 * reads no clock, so reprocessing plan.requests decides every request the same way.
 */
public final class Intake {

    public static final int MAX_SOURCE_LENGTH = 256;
    public static final int MAX_SUBMITTED_BY_LENGTH = 256;
    public static final int MAX_LABELS = 50;
    public static final int MAX_LABEL_KEY_LENGTH = 100;
    public static final int MAX_LABEL_VALUE_LENGTH = 1_000;

    /** Where the request came from on plan.requests. */
    public record Origin(String topic, int partition, long offset, Instant timestamp) {
    }

    /** How a URS gets its GAMP category: the submitted one confirmed against the text, or one determined from it. */
    @FunctionalInterface
    public interface Categorisation {
        CategoryDecision categorise(UrsDocument urs, Optional<GampCategory> submitted);
    }

    /** The test strategy of a category. */
    @FunctionalInterface
    public interface Strategies {
        TestStrategy forCategory(GampCategory category);
    }

    private final String plannerVersion;
    private final Categorisation categorisation;
    private final Strategies strategies;
    private final Duration defaultDeadline;
    private final Duration maxDeadline;
    private final UrsLimits limits;

    public Intake(PlannerKnowledge knowledge, Duration defaultDeadline, Duration maxDeadline, UrsLimits limits) {
        this(knowledge.stamp(), new Categorizer(knowledge.categorization())::categorise, knowledge.strategies()::forCategory,
            defaultDeadline, maxDeadline, limits);
    }

    /** @param plannerVersion stamped on every PlanOpened */
    public Intake(String plannerVersion, Categorisation categorisation, Strategies strategies, Duration defaultDeadline,
                  Duration maxDeadline, UrsLimits limits) {
        this.plannerVersion = plannerVersion;
        this.categorisation = categorisation;
        this.strategies = strategies;
        this.defaultDeadline = defaultDeadline;
        this.maxDeadline = maxDeadline;
        this.limits = limits;
    }

    /**
     * @param key the record key as sent (null when missing)
     * @param previousRequestSha256 the digest of an earlier request with the same key, if the planner has seen one
     */
    public IntakeDecision decide(String key, Encoded<PlanRequest> request, Origin origin, Optional<String> previousRequestSha256) {
        PlanRequest value = request.record();
        List<RejectionReason> reasons = new ArrayList<>();
        CorrelationId id = null;
        try {
            id = CorrelationId.parse(key);
        } catch (IllegalArgumentException e) {
            reasons.add(reason(key == null ? "MISSING_KEY" : "INVALID_CORRELATION_ID", "key", e.getMessage()));
        }
        previousRequestSha256.ifPresent(previous -> reasons.add(reason("DUPLICATE_CORRELATION_ID", "key",
            "correlation id " + key + " was already used by request " + previous
                + (previous.equals(request.sha256()) ? " (the same bytes: a resend)" : " (different content)")
                + "; every request needs its own correlation id")));
        String source = value.getSource();
        if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            reasons.add(reason("INVALID_SOURCE", "source", "source must name the document in 1 to " + MAX_SOURCE_LENGTH
                + " characters"));
        }
        if (value.getSubmittedBy() != null && value.getSubmittedBy().length() > MAX_SUBMITTED_BY_LENGTH) {
            reasons.add(reason("INVALID_SUBMITTED_BY", "submittedBy", "submittedBy has " + value.getSubmittedBy().length()
                + " characters; at most " + MAX_SUBMITTED_BY_LENGTH + " are accepted"));
        }
        labelProblem(value.getLabels()).ifPresent(problem -> reasons.add(reason("INVALID_LABELS", "labels", problem)));
        String urs = value.getUrs();
        UrsDocument parsed = null;
        if (urs.isBlank()) {
            reasons.add(reason("EMPTY_URS", "urs", "the URS is empty"));
        } else {
            List<UrsLimits.Violation> tooLarge = limits.checkSize(urs);
            if (tooLarge.isEmpty()) {
                parsed = UrsParser.parse(urs);
                tooLarge = limits.checkContent(urs, parsed);
            }
            tooLarge.forEach(v -> reasons.add(reason(v.code(), "urs", v.message())));
        }
        Optional<GampCategory> submitted = Optional.empty();
        if (value.getGampCategory() != null) {
            submitted = GampCategory.of(value.getGampCategory());
            if (submitted.isEmpty()) {
                reasons.add(reason("UNKNOWN_CATEGORY", "gampCategory", "GAMP category " + value.getGampCategory()
                    + " does not exist; use one of " + GampCategory.validNumbers() + " or leave it empty to have it determined"));
            }
        }
        Deadline deadline = Deadline.after(origin.timestamp(), defaultDeadline);
        if (value.getDeadline() != null) {
            deadline = new Deadline(value.getDeadline());
            if (!deadline.at().isAfter(origin.timestamp())) {
                reasons.add(reason("DEADLINE_PASSED", "deadline", "the deadline " + deadline.at()
                    + " had already passed when the request arrived at " + origin.timestamp()));
            } else if (deadline.at().isAfter(origin.timestamp().plus(maxDeadline))) {
                reasons.add(reason("DEADLINE_TOO_FAR", "deadline", "the deadline " + deadline.at() + " is more than "
                    + Durations.format(maxDeadline) + " after the request arrived at " + origin.timestamp()));
            }
        }
        if (!reasons.isEmpty()) {
            return rejected(key, request, origin, reasons);
        }
        return accept(id, request, parsed, origin, submitted, deadline);
    }

    /**
     * As {@link #decide}, for a request the planner reaches at {@code reachedAt} by the wall clock: one past its deadline
     * by then, or one that waited at least {@code minTimeLeft} for the planner and has less than that left, is rejected
     * at once, before any analysis, saying how far behind the planner was. A planner behind a burst so answers every
     * request by its deadline, and gets through the part of its backlog it can no longer plan in time at the cost of a
     * small record each, instead of opening plans whose agents would start too late.
     *
     * <p>One the plans ahead would leave too little time (the {@code backlog}), or that arrives while others wait, waits
     * too ({@link IntakeDecision.Waiting}) as long as it has at least twice {@code minTimeLeft} left: those plans are
     * answered meanwhile, so a burst is opened as fast as the planner answers it, not refused wholesale at the moment it
     * falls behind. Only then is it refused as overloaded. The rejection is recorded on plan.rejected: the decision
     * needs no clock afterwards. Requests that are refused for their own content (a bad key, a resent id, a deadline
     * before the request) are refused for it, as {@link #decide} does, and never wait.
     *
     * @param othersWaiting whether earlier requests wait: this one then waits behind them while it may
     */
    public IntakeDecision decide(String key, Encoded<PlanRequest> request, Origin origin, Optional<String> previousRequestSha256,
                                 Instant reachedAt, Duration minTimeLeft, Backlog backlog, boolean othersWaiting) {
        Instant deadline = deadlineOf(request.record(), origin);
        if (previousRequestSha256.isPresent() || !deadline.isAfter(origin.timestamp()) || !CorrelationId.isValid(key)) {
            return decide(key, request, origin, previousRequestSha256);
        }
        Duration left = Duration.between(reachedAt, deadline);
        Duration waited = Duration.between(origin.timestamp(), reachedAt);
        Duration ahead = backlog.ahead();
        boolean passed = !reachedAt.isBefore(deadline);
        // A short deadline is the submitter's to choose: only a request that had to wait for the planner is unreachable.
        boolean inTime = !passed && (left.compareTo(minTimeLeft) >= 0 || waited.compareTo(minTimeLeft) < 0);
        // The plans ahead of it in the aggregator are waiting still to come.
        boolean answerable = left.minus(ahead).compareTo(minTimeLeft) >= 0 || waited.plus(ahead).compareTo(minTimeLeft) < 0;
        boolean mayWait = !minTimeLeft.isZero() && !minTimeLeft.isNegative() && left.compareTo(minTimeLeft.multipliedBy(2)) >= 0;
        if (inTime && mayWait && (othersWaiting || !answerable)) {
            return new IntakeDecision.Waiting(deadline);
        }
        if (inTime && answerable) {
            return decide(key, request, origin, previousRequestSha256);
        }
        String behind = "the planner decided the request at " + reachedAt + ", " + Durations.format(waited) + " after it arrived";
        RejectionReason reason = passed ? reason("DEADLINE_PASSED", "deadline", behind + ", after its deadline " + deadline)
            : !inTime ? reason("DEADLINE_UNREACHABLE", "deadline", behind + ", " + Durations.format(left) + " before its deadline "
                + deadline + ": less than the " + Durations.format(minTimeLeft) + " a plan needs (GAMP_INTAKE_MIN_TIME_LEFT)")
            : reason("PLANNER_OVERLOADED", "deadline", behind + ", " + Durations.format(left) + " before its deadline " + deadline
                + ", with " + backlog.openPlans() + " plans ahead of it that the planner needs about "
                + Durations.format(ahead) + " to answer: less than the " + Durations.format(minTimeLeft)
                + " a plan needs (GAMP_INTAKE_MIN_TIME_LEFT) would be left; submit it again later");
        return rejected(key, request, origin, List.of(reason));
    }

    /** A request the planner failed to decide, refused with the failure rather than left unanswered. */
    public IntakeDecision.Rejected failed(String key, Encoded<PlanRequest> request, Origin origin, RuntimeException error) {
        return rejected(key, request, origin, List.of(reason(DeadLetters.PROCESSING_ERROR, "request",
            "the planner could not decide the request: " + DeadLetters.messageOf(error))));
    }

    /** The request's own deadline, or the default one after its arrival. */
    public Instant deadlineOf(PlanRequest request, Origin origin) {
        return request.getDeadline() != null ? request.getDeadline() : Deadline.after(origin.timestamp(), defaultDeadline).at();
    }

    /** The plans the planner has opened and not yet answered, and how long it would take to answer them. */
    public interface Backlog {
        long openPlans();

        Duration ahead();
    }

    private static IntakeDecision.Rejected rejected(String key, Encoded<PlanRequest> request, Origin origin,
                                                    List<RejectionReason> reasons) {
        String source = request.record().getSource();
        return new IntakeDecision.Rejected(PlanRejected.newBuilder()
            .setCorrelationId(key)
            .setSource(source == null || source.isBlank() ? null : abbreviate(source))
            .setRequestSha256(request.sha256())
            .setRequestTopic(origin.topic())
            .setRequestPartition(origin.partition())
            .setRequestOffset(origin.offset())
            .setReasons(reasons)
            .setRequestedAt(origin.timestamp())
            .build());
    }

    private IntakeDecision accept(CorrelationId id, Encoded<PlanRequest> request, UrsDocument urs, Origin origin,
                                  Optional<GampCategory> submitted, Deadline deadline) {
        PlanRequest value = request.record();
        CategoryDecision category = categorisation.categorise(urs, submitted);
        TestStrategy strategy = strategies.forCategory(GampCategory.require(category.getCategory()));
        Map<AgentKind, Encoded<AgentRequest>> requests = new EnumMap<>(AgentKind.class);
        List<AgentRequestRef> refs = new ArrayList<>();
        for (AgentKind agent : AgentKind.values()) {
            Encoded<AgentRequest> agentRequest = Encoded.of(AgentRequest.newBuilder()
                .setCorrelationId(id.toString())
                .setAgent(agent)
                .setSource(value.getSource())
                .setUrs(value.getUrs())
                .setGampCategory(category.getCategory())
                .setRequestedAt(origin.timestamp())
                .setDeadline(deadline.at())
                .setPlanRequestSha256(request.sha256())
                .build());
            requests.put(agent, agentRequest);
            refs.add(new AgentRequestRef(agent, agentRequest.sha256()));
        }
        PlanOpened opened = PlanOpened.newBuilder()
            .setCorrelationId(id.toString())
            .setSource(value.getSource())
            .setTitle(urs.title())
            .setRequestSha256(request.sha256())
            .setRequestPartition(origin.partition())
            .setRequestOffset(origin.offset())
            .setRequestedAt(origin.timestamp())
            .setDeadline(deadline.at())
            .setExpectedAgents(List.of(AgentKind.values()))
            .setAgentRequests(refs)
            .setCategory(category)
            .setStrategy(strategy)
            .setRequirements(urs.requirements().stream().map(Intake::toRecord).toList())
            .setSubmittedBy(value.getSubmittedBy())
            .setLabels(value.getLabels())
            .setPlannerVersion(plannerVersion)
            .build();
        return new IntakeDecision.Accepted(id, Encoded.of(opened), requests);
    }

    /** Labels travel into every plan record, so they are bounded like the URS. */
    private static Optional<String> labelProblem(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            return Optional.of(labels.size() + " labels; at most " + MAX_LABELS + " are accepted");
        }
        return labels.entrySet().stream()
            .filter(e -> e.getKey().isEmpty() || e.getKey().length() > MAX_LABEL_KEY_LENGTH || e.getValue().length() > MAX_LABEL_VALUE_LENGTH)
            .findFirst()
            .map(e -> "label '" + abbreviate(e.getKey()) + "': keys need 1 to " + MAX_LABEL_KEY_LENGTH + " characters and values at most "
                + MAX_LABEL_VALUE_LENGTH);
    }

    static Requirement toRecord(UrsRequirement requirement) {
        return new Requirement(requirement.id(), requirement.text(), requirement.section(), requirement.kind().label(),
            requirement.details(), requirement.line());
    }

    private static RejectionReason reason(String code, String field, String message) {
        return new RejectionReason(code, field, message);
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_SOURCE_LENGTH ? text : text.substring(0, MAX_SOURCE_LENGTH - 3) + "...";
    }
}
