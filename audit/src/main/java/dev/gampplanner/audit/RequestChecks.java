package dev.gampplanner.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.gampplanner.schema.PlanRequest;

/** A PlanRequest is answered exactly once, by a PlanOpened or a PlanRejected, before its deadline (plus grace). */
record RequestChecks(Duration defaultDeadline, Duration grace) {

    Check answerOf(LogRecord request, RecordIndex index, Instant now) {
        List<LogRecord> answers = new ArrayList<>();
        answers.addAll(index.openedForRequest(request));
        answers.addAll(index.rejectionsOf(request));
        if (answers.size() == 1) {
            return Check.pass(request, "answered by " + answers.get(0).type() + " " + answers.get(0).position());
        }
        if (answers.size() > 1) {
            return Check.fail(request, Check.Kind.DUPLICATE_ANSWER, "answered " + answers.size() + " times: "
                + answers.stream().map(LogRecord::position).collect(Collectors.joining(", ")));
        }
        Instant due = request.as(PlanRequest.class).map(PlanRequest::getDeadline)
            .orElse(request.timestamp().plus(defaultDeadline));
        if (due == null) {
            due = request.timestamp().plus(defaultDeadline);
        }
        return now.isAfter(due.plus(grace))
            ? Check.fail(request, Check.Kind.UNANSWERED, "neither opened nor rejected, and its deadline " + due + " has passed")
            : Check.pass(request, "not answered yet (deadline " + due + ")");
    }
}
