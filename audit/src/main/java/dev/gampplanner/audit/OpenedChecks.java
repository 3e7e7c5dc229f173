package dev.gampplanner.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.PlanOpened;

/**
 * A PlanOpened names its PlanRequest (by position and digest, or by digest in older plans) and the AgentRequests
 * written with it, and is answered by exactly one plan before its deadline (plus grace).
 */
record OpenedChecks(TopicCatalog topics, Duration grace) {

    void check(LogRecord record, PlanOpened opened, RecordIndex index, Instant now, List<Check> checks) {
        checks.add(opened.getRequestOffset() != null ? requestAt(record, opened, index) : requestByDigest(record, opened, index));
        for (AgentRequestRef ref : opened.getAgentRequests()) {
            String topic = topics.agentRequests(ref.getAgent());
            checks.add(index.ofType(record.key(), topic).stream().filter(r -> r.sha256().equals(ref.getSha256())).findFirst()
                .map(r -> Check.pass(record, "wrote " + ref.getAgent() + " request " + r.position() + " (" + r.shortSha() + ")"))
                .orElseGet(() -> Check.fail(record, Check.Kind.MISSING, "names " + ref.getAgent() + " request " + ref.getSha256()
                    + ", which is not on " + topic)));
        }
        List<LogRecord> plans = index.ofType(record.key(), topics.merged());
        if (plans.size() == 1) {
            checks.add(Check.pass(record, "answered by plan " + plans.get(0).position()));
        } else if (plans.size() > 1) {
            checks.add(Check.fail(record, Check.Kind.DUPLICATE_ANSWER, plans.size() + " plans for one request: "
                + plans.stream().map(LogRecord::position).collect(Collectors.joining(", "))));
        } else if (now.isAfter(opened.getDeadline().plus(grace))) {
            checks.add(Check.fail(record, Check.Kind.UNANSWERED, "no plan although the deadline " + opened.getDeadline()
                + " has passed"));
        }
    }

    /** A plan opened since PlanOpened names its request's position: that very record, with this key and this digest. */
    private Check requestAt(LogRecord record, PlanOpened opened, RecordIndex index) {
        String position = topics.planRequests() + "-" + opened.getRequestPartition() + "@" + opened.getRequestOffset();
        Optional<LogRecord> request = index.at(topics.planRequests(), opened.getRequestPartition(), opened.getRequestOffset());
        if (request.isEmpty()) {
            return Check.fail(record, Check.Kind.MISSING, "names request " + position + ", which is not on " + topics.planRequests());
        }
        if (!record.key().equals(request.get().key())) {
            return Check.fail(record, Check.Kind.FORGED, "names request " + position + ", which is another plan's (key "
                + request.get().key() + ")");
        }
        return request.get().sha256().equals(opened.getRequestSha256())
            ? Check.pass(record, "opens request " + position + " (" + request.get().shortSha() + ")")
            : Check.fail(record, Check.Kind.FORGED, "names request " + position + " with digest " + opened.getRequestSha256()
                + " but that record's digest is " + request.get().sha256());
    }

    /** Plans opened before PlanOpened named the position: the request with this key and this digest. */
    private Check requestByDigest(LogRecord record, PlanOpened opened, RecordIndex index) {
        List<LogRecord> requests = index.ofType(record.key(), topics.planRequests());
        return requests.stream().filter(r -> r.sha256().equals(opened.getRequestSha256())).findFirst()
            .map(r -> Check.pass(record, "opens request " + r.position() + " (" + r.shortSha() + ")"))
            .orElseGet(() -> Check.fail(record, requests.isEmpty() ? Check.Kind.MISSING : Check.Kind.FORGED, requests.isEmpty()
                ? "names request " + opened.getRequestSha256() + ", which is not on " + topics.planRequests()
                : "names request " + opened.getRequestSha256() + " but the request with this key has another digest"));
    }
}
