package dev.gampplanner.audit;

import java.util.Optional;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;

/** Which record type belongs on which topic, under which key: what a service must refuse. */
record TopicPlacement(TopicCatalog topics) {

    /** Why a service must have refused this record, if it must have. */
    Optional<String> refusalOf(LogRecord record) {
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
}
