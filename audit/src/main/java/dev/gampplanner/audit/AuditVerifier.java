package dev.gampplanner.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
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
 * recorded as late. And it checks that every record is signed by the role that writes its topic, with a key
 * published for that role and valid when the record was written.
 */
public final class AuditVerifier {

    private final TopicCatalog topics;
    private final TopicPlacement placement;
    private final RequestChecks requests;
    private final OpenedChecks opened;
    private final AgentChecks agents;
    private final MergedChecks merged;

    /**
     * @param defaultDeadline the planner's default, for requests that name no deadline
     * @param grace how long after a deadline an answer may still be on its way
     */
    public AuditVerifier(TopicCatalog topics, Duration defaultDeadline, Duration grace) {
        this.topics = topics;
        this.placement = new TopicPlacement(topics);
        this.requests = new RequestChecks(defaultDeadline, grace);
        this.opened = new OpenedChecks(topics, grace);
        this.agents = new AgentChecks(topics);
        this.merged = new MergedChecks(topics);
    }

    /**
     * Verifies {@code records} as of {@code now}, their signatures against the keys published by {@code signingKeys}
     * (the whole signing keys topic). Plans whose request lies outside [since, until] (when given) are not judged, but
     * their records still serve as link targets.
     */
    public AuditReport verify(List<LogRecord> records, List<LogRecord> signingKeys, Instant now, Instant since, Instant until) {
        RecordIndex index = new RecordIndex(topics, records);
        PublishedKeys keys = PublishedKeys.of(signingKeys);
        SignatureChecks signatures = new SignatureChecks(topics, keys.ring());
        List<Check> checks = new ArrayList<>(keys.problems());
        Set<String> judged = new HashSet<>();
        for (LogRecord record : records) {
            if (since != null && record.timestamp().isBefore(since) || until != null && record.timestamp().isAfter(until)) {
                continue;
            }
            if (!record.topic().endsWith(TopicCatalog.DLQ_SUFFIX)) {
                if (record.key() != null) {
                    judged.add(record.key());
                }
                checkRecord(record, index, now, checks);
            }
            signatures.check(record, checks);
        }
        return new AuditReport(records, checks, (int) judged.stream().filter(CorrelationId::isValid).count(),
            signatures.verdicts(), signatures.notSigning());
    }

    private void checkRecord(LogRecord record, RecordIndex index, Instant now, List<Check> checks) {
        Optional<String> refusal = placement.refusalOf(record);
        if (refusal.isPresent()) {
            checks.add(refused(record, refusal.get(), index, now));
        } else if (record.record() instanceof PlanRequest) {
            checks.add(requests.answerOf(record, index, now));
        } else if (record.record() instanceof PlanOpened plan) {
            opened.check(record, plan, index, now, checks);
        } else if (record.record() instanceof AgentRequest request) {
            agents.checkRequest(record, request, index, checks);
        } else if (record.record() instanceof AgentResult result) {
            agents.checkResult(record, result, index, checks);
        } else if (record.record() instanceof DeadlineExpired) {
            checks.add(index.openedOf(record.key()).isPresent()
                ? Check.pass(record, "decides the deadline of an opened plan")
                : Check.fail(record, Check.Kind.ORPHAN, "a DeadlineExpired for a plan that was never opened"));
        } else if (record.record() instanceof MergedPlan plan) {
            merged.check(record, plan, index, checks);
        } else if (record.record() instanceof LateResult late) {
            checks.add(agents.checkLate(record, late, index));
        } else if (record.record() instanceof PlanRejected rejected) {
            checks.add(index.bySha(rejected.getRequestSha256()).filter(r -> r.topic().equals(topics.planRequests()))
                .map(r -> Check.pass(record, "answers request " + r.position() + " (" + r.shortSha() + ")"))
                .orElseGet(() -> Check.fail(record, Check.Kind.MISSING, "rejects request " + rejected.getRequestSha256()
                    + ", which is not on " + topics.planRequests())));
        }
    }

    /**
     * A record a service had to refuse is copied to its DLQ; a decodable PlanRequest with a bad key is answered on
     * plan.rejected instead.
     */
    private Check refused(LogRecord record, String why, RecordIndex index, Instant now) {
        return index.deadLetterOf(record)
            .map(dlq -> Check.pass(record, "refused (" + why + "); copied to " + dlq.position() + " with reason "
                + dlq.headers().getOrDefault(GampHeaders.DLQ_REASON, "?")))
            .orElseGet(() -> record.record() instanceof PlanRequest
                ? requests.answerOf(record, index, now)
                : Check.fail(record, Check.Kind.MISSING, "refused (" + why + ") but no DLQ copy points at it"));
    }
}
