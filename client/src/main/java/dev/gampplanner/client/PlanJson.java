package dev.gampplanner.client;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanRejected;

/**
 * The JSON form of a plan, as {@code gamp demo --json} and {@code gamp submit --wait --json} print it
 * and as the plan files are written: the summary fields first, then the traceability table, the
 * tests, each agent's outcome with its payload, and the audit digests.
 */
public final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static ObjectNode of(MergedPlan plan) {
        return of(plan, Optional.empty());
    }

    /** The plan as it arrived: with the id of the trace it was made in, when tracing was on. */
    public static ObjectNode of(PlanDesk.Planned planned) {
        return of(planned.plan(), planned.traceId());
    }

    private static ObjectNode of(MergedPlan plan, Optional<String> traceId) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("correlationId", plan.getCorrelationId());
        traceId.ifPresent(id -> json.put("traceId", id));
        json.put("source", plan.getSource());
        json.put("title", plan.getTitle());
        json.put("status", plan.getStatus().name());
        json.put("gampCategory", plan.getCategory().getCategory());
        json.put("categoryConfidence", plan.getCategory().getConfidence());
        json.put("categorySource", plan.getCategory().getSource().name());
        json.put("reviewRequired", plan.getReviewRequired());
        json.set("reviewReasons", AvroJson.toJson(plan.getReviewReasons()));
        json.put("latencyMs", plan.getLatencyMs());
        json.put("requestedAt", plan.getRequestedAt().toString());
        json.put("deadline", plan.getDeadline().toString());
        json.put("completedAt", plan.getCompletedAt().toString());
        json.set("strategy", AvroJson.toJson(plan.getStrategy()));
        json.set("requirements", AvroJson.toJson(plan.getRequirements()));
        json.set("tests", AvroJson.toJson(plan.getTests()));
        json.set("gapActions", AvroJson.toJson(plan.getGapActions()));
        json.set("customComponents", AvroJson.toJson(plan.getCustomComponents()));
        ObjectNode agents = json.putObject("agents");
        for (AgentOutcome outcome : plan.getAgents()) {
            ObjectNode agent = agents.putObject(outcome.getAgent().name().toLowerCase(Locale.ROOT));
            agent.put("status", outcome.getStatus().name());
            agent.put("error", outcome.getError());
            agent.put("resultSha256", outcome.getResultSha256());
            agent.put("knowledgeBaseVersion", outcome.getKnowledgeBaseVersion());
            agent.put("mode", outcome.getMode() == null ? null : outcome.getMode().name().toLowerCase(Locale.ROOT));
            agent.put("model", outcome.getModel());
            agent.set("payload", AvroJson.toJson(switch (outcome.getAgent()) {
                case CONTEXT -> plan.getContext();
                case SME -> plan.getSme();
                case RESEARCH -> plan.getResearch();
            }));
        }
        json.set("category", AvroJson.toJson(plan.getCategory()));
        ObjectNode audit = json.putObject("audit");
        audit.put("requestSha256", plan.getRequestSha256());
        audit.put("planOpenedSha256", plan.getPlanOpenedSha256());
        audit.put("deadlineExpiredSha256", plan.getDeadlineExpiredSha256());
        audit.put("plannerVersion", plan.getPlannerVersion());
        json.set("submittedBy", AvroJson.toJson(plan.getSubmittedBy()));
        json.set("labels", AvroJson.toJson(plan.getLabels()));
        return json;
    }

    /** A rejection in the same shape as a plan's summary, so one consumer can read both. */
    public static ObjectNode of(PlanRejected rejected) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("correlationId", rejected.getCorrelationId());
        json.put("source", rejected.getSource());
        json.put("status", "REJECTED");
        json.set("reasons", AvroJson.toJson(rejected.getReasons()));
        json.put("requestSha256", rejected.getRequestSha256());
        json.put("requestedAt", rejected.getRequestedAt().toString());
        return json;
    }

    public static String line(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static String pretty(JsonNode json) {
        try {
            return PRETTY.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
