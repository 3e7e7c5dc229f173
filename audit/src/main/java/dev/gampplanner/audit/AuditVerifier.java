package dev.gampplanner.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;

/**
 * Checks every link of the audit chain (contract 5 of the architecture): each PlanOpened names the
 * SHA-256 of its PlanRequest and of the AgentRequests written with it; each AgentResult names the
 * AgentRequest it answers; each MergedPlan names the PlanOpened, every result it merged and the
 * deadline decision that closed it. It also checks completeness: every request answered once,
 * every plan emitted once, every refused record copied to its DLQ, every result merged or
 * recorded as late.
 */
public final class AuditVerifier {

    /** What is wrong with a record or a link. */
    public enum Kind {
        /** A record whose digest link points at a record that exists but is different. */
        FORGED,
        /** A record that a link or the contract requires is not on its topic. */
        MISSING,
        /** A record that belongs to no plan. */
        ORPHAN,
        /** A request or plan answered more than once. */
        DUPLICATE_ANSWER,
        /** A request or plan not answered although its deadline (plus grace) has passed. */
        UNANSWERED
    }

    /** One check on one record: what was checked, and whether it held. */
    public record Check(LogRecord record, boolean ok, Kind kind, String text) {
        static Check pass(LogRecord record, String text) {
            return new Check(record, true, null, text);
        }

        static Check fail(LogRecord record, Kind kind, String text) {
            return new Check(record, false, kind, text);
        }
    }

    /** The checks of a verification, and how much was read. */
    public record Report(List<LogRecord> records, List<Check> checks, int plans) {
        public List<Check> failures() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }

        public boolean ok() {
            return failures().isEmpty();
        }

        public List<Check> checksOf(LogRecord record) {
            return checks.stream().filter(c -> c.record() == record).toList();
        }
    }

    private final TopicCatalog topics;
    private final Duration defaultDeadline;
    private final Duration grace;

    /**
     * @param defaultDeadline the planner's default, for requests that name no deadline
     * @param grace how long after a deadline an answer may still be on its way
     */
    public AuditVerifier(TopicCatalog topics, Duration defaultDeadline, Duration grace) {
        this.topics = topics;
        this.defaultDeadline = defaultDeadline;
        this.grace = grace;
    }

    /**
     * Verifies {@code records} as of {@code now}. Plans whose request lies outside [since, until]
     * (when given) are not judged, but their records still serve as link targets.
     */
    public Report verify(List<LogRecord> records, Instant now, Instant since, Instant until) {
        Index index = new Index(records);
        List<Check> checks = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        for (LogRecord record : records) {
            if (since != null && record.timestamp().isBefore(since) || until != null && record.timestamp().isAfter(until)) {
                continue;
            }
            if (record.topic().endsWith(TopicCatalog.DLQ_SUFFIX)) {
                continue;
            }
            if (record.key() != null) {
                judged.add(record.key());
            }
            checkRecord(record, index, now, checks);
        }
        return new Report(records, checks, (int) judged.stream().filter(CorrelationId::isValid).count());
    }

    private void checkRecord(LogRecord record, Index index, Instant now, List<Check> checks) {
        Optional<String> refusal = refusalOf(record);
        if (refusal.isPresent()) {
            checks.add(index.deadLetterOf(record)
                .map(dlq -> Check.pass(record, "refused (" + refusal.get() + "); copied to " + dlq.position() + " with reason "
                    + dlq.headers().getOrDefault(GampHeaders.DLQ_REASON, "?")))
                .orElseGet(() -> isRejectableRequest(record)
                    ? answerOfRequest(record, index, now)
                    : Check.fail(record, Kind.MISSING, "refused (" + refusal.get() + ") but no DLQ copy points at it")));
            return;
        }
        if (record.record() instanceof PlanRequest) {
            checks.add(answerOfRequest(record, index, now));
        } else if (record.record() instanceof PlanOpened opened) {
            checkOpened(record, opened, index, now, checks);
        } else if (record.record() instanceof AgentRequest request) {
            checkAgentRequest(record, request, index, checks);
        } else if (record.record() instanceof AgentResult result) {
            checkResult(record, result, index, checks);
        } else if (record.record() instanceof DeadlineExpired) {
            checks.add(index.openedOf(record.key()).isPresent()
                ? Check.pass(record, "decides the deadline of an opened plan")
                : Check.fail(record, Kind.ORPHAN, "a DeadlineExpired for a plan that was never opened"));
        } else if (record.record() instanceof MergedPlan plan) {
            checkMerged(record, plan, index, checks);
        } else if (record.record() instanceof LateResult late) {
            checkLate(record, late, index, checks);
        } else if (record.record() instanceof PlanRejected rejected) {
            checks.add(index.bySha(rejected.getRequestSha256()).filter(r -> r.topic().equals(topics.planRequests()))
                .map(r -> Check.pass(record, "answers request " + r.position() + " (" + r.shortSha() + ")"))
                .orElseGet(() -> Check.fail(record, Kind.MISSING, "rejects request " + rejected.getRequestSha256()
                    + ", which is not on " + topics.planRequests())));
        }
    }

    /** Why a service must have refused this record, if it must have. */
    private Optional<String> refusalOf(LogRecord record) {
        if (record.record() == null) {
            return Optional.of(record.decodeError());
        }
        Class<?> type = record.record().getClass();
        String topic = record.topic();
        boolean expected = topic.equals(topics.planRequests()) ? type == PlanRequest.class
            : topic.equals(topics.coordination()) ? type == PlanOpened.class || type == DeadlineExpired.class
            : topic.equals(topics.merged()) ? type == MergedPlan.class
            : topic.equals(topics.lateResults()) ? type == LateResult.class
            : topic.equals(topics.rejected()) ? type == PlanRejected.class
            : topic.endsWith(".requests") ? type == AgentRequest.class
            : !topic.endsWith(".results") || type == AgentResult.class;
        if (!expected) {
            return Optional.of("a " + record.type() + " does not belong on " + topic);
        }
        if (!topic.equals(topics.planRequests()) && !CorrelationId.isValid(record.key())) {
            return Optional.of("key '" + record.key() + "' is not a correlation id");
        }
        return Optional.empty();
    }

    /** A decodable request with a bad key is answered on plan.rejected rather than dead-lettered. */
    private boolean isRejectableRequest(LogRecord record) {
        return record.record() instanceof PlanRequest;
    }

    private Check answerOfRequest(LogRecord request, Index index, Instant now) {
        List<LogRecord> answers = new ArrayList<>();
        answers.addAll(index.openedForRequest(request));
        answers.addAll(index.rejectionsOf(request));
        if (answers.size() == 1) {
            return Check.pass(request, "answered by " + answers.get(0).type() + " " + answers.get(0).position());
        }
        if (answers.size() > 1) {
            return Check.fail(request, Kind.DUPLICATE_ANSWER, "answered " + answers.size() + " times: "
                + answers.stream().map(LogRecord::position).collect(Collectors.joining(", ")));
        }
        Instant due = request.as(PlanRequest.class).map(PlanRequest::getDeadline)
            .orElse(request.timestamp().plus(defaultDeadline));
        if (due == null) {
            due = request.timestamp().plus(defaultDeadline);
        }
        return now.isAfter(due.plus(grace))
            ? Check.fail(request, Kind.UNANSWERED, "neither opened nor rejected, and its deadline " + due + " has passed")
            : Check.pass(request, "not answered yet (deadline " + due + ")");
    }

    private void checkOpened(LogRecord record, PlanOpened opened, Index index, Instant now, List<Check> checks) {
        if (opened.getRequestOffset() != null) {
            checks.add(checkOpenedRequestAt(record, opened, index));
        } else {
            checks.add(checkOpenedRequestByDigest(record, opened, index));
        }
        for (AgentRequestRef ref : opened.getAgentRequests()) {
            String topic = topics.agentRequests(ref.getAgent());
            checks.add(index.ofType(record.key(), topic).stream().filter(r -> r.sha256().equals(ref.getSha256())).findFirst()
                .map(r -> Check.pass(record, "wrote " + ref.getAgent() + " request " + r.position() + " (" + r.shortSha() + ")"))
                .orElseGet(() -> Check.fail(record, Kind.MISSING, "names " + ref.getAgent() + " request " + ref.getSha256()
                    + ", which is not on " + topic)));
        }
        List<LogRecord> plans = index.ofType(record.key(), topics.merged());
        if (plans.size() == 1) {
            checks.add(Check.pass(record, "answered by plan " + plans.get(0).position()));
        } else if (plans.size() > 1) {
            checks.add(Check.fail(record, Kind.DUPLICATE_ANSWER, plans.size() + " plans for one request: "
                + plans.stream().map(LogRecord::position).collect(Collectors.joining(", "))));
        } else if (now.isAfter(opened.getDeadline().plus(grace))) {
            checks.add(Check.fail(record, Kind.UNANSWERED, "no plan although the deadline " + opened.getDeadline() + " has passed"));
        }
    }

    /** A plan opened since PlanOpened names its request's position: that very record, with this key and this digest. */
    private Check checkOpenedRequestAt(LogRecord record, PlanOpened opened, Index index) {
        String position = topics.planRequests() + "-" + opened.getRequestPartition() + "@" + opened.getRequestOffset();
        Optional<LogRecord> request = index.at(topics.planRequests(), opened.getRequestPartition(), opened.getRequestOffset());
        if (request.isEmpty()) {
            return Check.fail(record, Kind.MISSING, "names request " + position + ", which is not on " + topics.planRequests());
        }
        if (!record.key().equals(request.get().key())) {
            return Check.fail(record, Kind.FORGED, "names request " + position + ", which is another plan's (key "
                + request.get().key() + ")");
        }
        return request.get().sha256().equals(opened.getRequestSha256())
            ? Check.pass(record, "opens request " + position + " (" + request.get().shortSha() + ")")
            : Check.fail(record, Kind.FORGED, "names request " + position + " with digest " + opened.getRequestSha256()
                + " but that record's digest is " + request.get().sha256());
    }

    /** Plans opened before PlanOpened named the position: the request with this key and this digest. */
    private Check checkOpenedRequestByDigest(LogRecord record, PlanOpened opened, Index index) {
        List<LogRecord> requests = index.ofType(record.key(), topics.planRequests());
        return requests.stream().filter(r -> r.sha256().equals(opened.getRequestSha256())).findFirst()
            .map(r -> Check.pass(record, "opens request " + r.position() + " (" + r.shortSha() + ")"))
            .orElseGet(() -> Check.fail(record, requests.isEmpty() ? Kind.MISSING : Kind.FORGED, requests.isEmpty()
                ? "names request " + opened.getRequestSha256() + ", which is not on " + topics.planRequests()
                : "names request " + opened.getRequestSha256() + " but the request with this key has another digest"));
    }

    private void checkAgentRequest(LogRecord record, AgentRequest request, Index index, List<Check> checks) {
        Optional<LogRecord> opened = index.openedOf(record.key());
        if (opened.isEmpty()) {
            checks.add(Check.fail(record, Kind.ORPHAN, "an AgentRequest for a plan that was never opened"));
            return;
        }
        PlanOpened plan = opened.get().as(PlanOpened.class).orElseThrow();
        boolean listed = plan.getAgentRequests().stream()
            .anyMatch(ref -> ref.getAgent() == request.getAgent() && ref.getSha256().equals(record.sha256()));
        checks.add(listed ? Check.pass(record, "listed in PlanOpened " + opened.get().position())
            : Check.fail(record, Kind.FORGED, "not among the requests PlanOpened " + opened.get().position() + " names"));
        if (!request.getPlanRequestSha256().equals(plan.getRequestSha256())) {
            checks.add(Check.fail(record, Kind.FORGED, "derives from request " + request.getPlanRequestSha256()
                + " but the plan was opened for " + plan.getRequestSha256()));
        }
    }

    private void checkResult(LogRecord record, AgentResult result, Index index, List<Check> checks) {
        Optional<LogRecord> opened = index.openedOf(record.key());
        if (opened.isEmpty()) {
            checks.add(Check.fail(record, Kind.ORPHAN, "an AgentResult for a plan that was never opened"));
            return;
        }
        List<LogRecord> requests = index.ofType(record.key(), topics.agentRequests(result.getAgent()));
        Optional<LogRecord> answered = requests.stream().filter(r -> r.sha256().equals(result.getAgentRequestSha256())).findFirst();
        if (answered.isEmpty()) {
            checks.add(Check.fail(record, Kind.FORGED, "answers request " + result.getAgentRequestSha256()
                + ", which is not a request the planner wrote for this plan"));
            return;
        }
        checks.add(Check.pass(record, "answers request " + answered.get().position() + " (" + answered.get().shortSha() + ")"));
        boolean merged = index.ofType(record.key(), topics.merged()).stream()
            .flatMap(p -> p.as(MergedPlan.class).stream())
            .flatMap(p -> p.getAgents().stream())
            .anyMatch(o -> record.sha256().equals(o.getResultSha256()));
        boolean late = index.ofType(record.key(), topics.lateResults()).stream()
            .flatMap(l -> l.as(LateResult.class).stream())
            .anyMatch(l -> l.getResultTopic().equals(record.topic()) && l.getResultOffset() == record.offset()
                && l.getResultPartition() == record.partition());
        boolean emitted = !index.ofType(record.key(), topics.merged()).isEmpty();
        if (merged || late) {
            checks.add(Check.pass(record, merged ? "merged into the plan" : "recorded on " + topics.lateResults()));
        } else if (emitted) {
            checks.add(Check.fail(record, Kind.MISSING, "neither merged into the plan nor recorded as late"));
        }
    }

    private void checkMerged(LogRecord record, MergedPlan plan, Index index, List<Check> checks) {
        Optional<LogRecord> opened = index.openedOf(record.key());
        if (opened.isEmpty()) {
            checks.add(Check.fail(record, Kind.ORPHAN, "a plan for a request that was never opened"));
            return;
        }
        checks.add(opened.get().sha256().equals(plan.getPlanOpenedSha256())
            ? Check.pass(record, "merges PlanOpened " + opened.get().position() + " (" + opened.get().shortSha() + ")")
            : Check.fail(record, Kind.FORGED, "names PlanOpened " + plan.getPlanOpenedSha256() + " but the plan was opened as "
                + opened.get().sha256()));
        PlanOpened openedPlan = opened.get().as(PlanOpened.class).orElseThrow();
        if (!openedPlan.getRequestSha256().equals(plan.getRequestSha256())) {
            checks.add(Check.fail(record, Kind.FORGED, "names request " + plan.getRequestSha256() + " but the plan was opened for "
                + openedPlan.getRequestSha256()));
        }
        for (AgentOutcome outcome : plan.getAgents()) {
            if (outcome.getStatus() == AgentOutcomeStatus.TIMED_OUT) {
                checks.add(timedOut(record, plan, outcome.getAgent(), index));
                continue;
            }
            String topic = topics.agentResults(outcome.getAgent());
            checks.add(index.ofType(record.key(), topic).stream()
                .filter(r -> r.sha256().equals(outcome.getResultSha256())).findFirst()
                .map(r -> Check.pass(record, "merges " + outcome.getAgent() + " result " + r.position() + " (" + r.shortSha() + ")"))
                .orElseGet(() -> Check.fail(record, Kind.MISSING, "names " + outcome.getAgent() + " result "
                    + outcome.getResultSha256() + ", which is not on " + topic)));
        }
    }

    private Check timedOut(LogRecord record, MergedPlan plan, AgentKind agent, Index index) {
        Optional<LogRecord> decision = index.ofType(record.key(), topics.coordination()).stream()
            .filter(r -> r.sha256().equals(plan.getDeadlineExpiredSha256())).findFirst();
        if (decision.isEmpty()) {
            return Check.fail(record, Kind.MISSING, agent + " timed out but DeadlineExpired " + plan.getDeadlineExpiredSha256()
                + " is not on " + topics.coordination());
        }
        boolean named = decision.get().as(DeadlineExpired.class).map(d -> d.getMissingAgents().contains(agent)).orElse(false);
        return named ? Check.pass(record, agent + " timed out, as DeadlineExpired " + decision.get().position() + " recorded")
            : Check.fail(record, Kind.FORGED, agent + " marked TIMED_OUT but DeadlineExpired " + decision.get().position()
                + " does not name it");
    }

    private void checkLate(LogRecord record, LateResult late, Index index, List<Check> checks) {
        checks.add(index.at(late.getResultTopic(), late.getResultPartition(), late.getResultOffset())
            .map(r -> Objects.equals(r.sha256(), late.getResultSha256())
                ? Check.pass(record, late.getReason() + ": result " + r.position())
                : Check.fail(record, Kind.FORGED, "names result " + late.getResultSha256() + " at " + r.position()
                    + ", which holds " + r.sha256()))
            .orElseGet(() -> Check.fail(record, Kind.MISSING, "names a result at " + late.getResultTopic() + "-"
                + late.getResultPartition() + "@" + late.getResultOffset() + ", which was not read")));
    }

    /** The records by the ways links find them. */
    private final class Index {
        private final Map<String, List<LogRecord>> byKey;
        private final Map<String, LogRecord> bySha = new HashMap<>();
        private final Map<String, LogRecord> byPosition = new HashMap<>();
        private final Map<String, LogRecord> deadLetters = new HashMap<>();
        private final Map<String, List<LogRecord>> openedByRequest = new HashMap<>();
        private final Map<String, List<LogRecord>> rejectionsByRequest = new HashMap<>();

        Index(List<LogRecord> records) {
            byKey = records.stream().filter(r -> r.key() != null).collect(Collectors.groupingBy(LogRecord::key));
            for (LogRecord record : records) {
                if (record.sha256() != null) {
                    bySha.putIfAbsent(record.sha256(), record);
                }
                byPosition.put(record.position(), record);
                if (record.record() instanceof PlanOpened opened) {
                    openedByRequest.computeIfAbsent(opened.getRequestSha256(), k -> new ArrayList<>()).add(record);
                }
                if (record.record() instanceof PlanRejected rejected) {
                    rejectionsByRequest.computeIfAbsent(rejected.getRequestSha256(), k -> new ArrayList<>()).add(record);
                }
                if (record.topic().endsWith(TopicCatalog.DLQ_SUFFIX)) {
                    Map<String, String> h = record.headers();
                    deadLetters.put(h.get(GampHeaders.DLQ_SOURCE_TOPIC) + "-" + h.get(GampHeaders.DLQ_SOURCE_PARTITION) + "@"
                        + h.get(GampHeaders.DLQ_SOURCE_OFFSET), record);
                }
            }
        }

        List<LogRecord> ofType(String key, String topic) {
            return byKey.getOrDefault(key, List.of()).stream().filter(r -> r.topic().equals(topic) && r.record() != null).toList();
        }

        Optional<LogRecord> openedOf(String key) {
            return ofType(key, topics.coordination()).stream().filter(r -> r.record() instanceof PlanOpened).findFirst();
        }

        /**
         * The plans opened for this very request: the same key and digest, and — where PlanOpened names it — the same
         * position. Identical documents resubmitted under other correlation ids are other requests.
         */
        List<LogRecord> openedForRequest(LogRecord request) {
            return openedByRequest.getOrDefault(request.sha256(), List.of()).stream()
                .filter(r -> r.key().equals(request.key()))
                .filter(r -> {
                    PlanOpened opened = r.as(PlanOpened.class).orElseThrow();
                    return opened.getRequestOffset() == null || opened.getRequestPartition() == request.partition()
                        && opened.getRequestOffset() == request.offset();
                })
                .toList();
        }

        /** The rejections of this very request: a PlanRejected names the request's position. */
        List<LogRecord> rejectionsOf(LogRecord request) {
            return rejectionsByRequest.getOrDefault(request.sha256(), List.of()).stream()
                .filter(r -> {
                    PlanRejected rejected = r.as(PlanRejected.class).orElseThrow();
                    return rejected.getRequestTopic().equals(request.topic()) && rejected.getRequestPartition() == request.partition()
                        && rejected.getRequestOffset() == request.offset();
                })
                .toList();
        }

        Optional<LogRecord> bySha(String sha) {
            return Optional.ofNullable(bySha.get(sha));
        }

        Optional<LogRecord> at(String topic, int partition, long offset) {
            return Optional.ofNullable(byPosition.get(topic + "-" + partition + "@" + offset));
        }

        Optional<LogRecord> deadLetterOf(LogRecord record) {
            return Optional.ofNullable(deadLetters.get(record.position()));
        }
    }
}
