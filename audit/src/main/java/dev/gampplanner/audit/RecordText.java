package dev.gampplanner.audit;

import java.util.ArrayList;
import java.util.List;

import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentRequestRef;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;

/** What an auditor reads of a record at a glance, and the digests of the records it links to. */
public final class RecordText {

    private RecordText() {
    }

    /** One line: the source, category, agent, status or reasons that matter for this record type. */
    public static String describe(LogRecord record) {
        Object value = record.record();
        if (value == null) {
            return record.decodeError();
        }
        if (value instanceof PlanRequest request) {
            return "source " + request.getSource();
        } else if (value instanceof PlanOpened opened) {
            return "category " + opened.getCategory().getCategory() + ", deadline " + opened.getDeadline();
        } else if (value instanceof AgentRequest request) {
            return request.getAgent().name().toLowerCase();
        } else if (value instanceof AgentResult result) {
            return result.getAgent().name().toLowerCase() + " " + result.getStatus() + workerOf(record);
        } else if (value instanceof DeadlineExpired expired) {
            return "missing " + expired.getMissingAgents();
        } else if (value instanceof MergedPlan plan) {
            return plan.getStatus().name();
        } else if (value instanceof LateResult late) {
            return late.getAgent() + " " + late.getCause();
        } else if (value instanceof PlanRejected rejected) {
            return "rejected: " + rejected.getReasons().stream().map(r -> r.getCode()).toList();
        }
        return "";
    }

    /** The SHA-256 digests this record names: the links of the audit chain that start at it. */
    public static List<String> linkedDigests(LogRecord record) {
        List<String> digests = new ArrayList<>();
        Object value = record.record();
        if (value instanceof PlanOpened opened) {
            digests.add(opened.getRequestSha256());
            opened.getAgentRequests().stream().map(AgentRequestRef::getSha256).forEach(digests::add);
        } else if (value instanceof AgentRequest request) {
            digests.add(request.getPlanRequestSha256());
        } else if (value instanceof AgentResult result) {
            digests.add(result.getAgentRequestSha256());
        } else if (value instanceof MergedPlan plan) {
            digests.add(plan.getRequestSha256());
            digests.add(plan.getPlanOpenedSha256());
            plan.getAgents().stream().map(AgentOutcome::getResultSha256).forEach(digests::add);
            digests.add(plan.getDeadlineExpiredSha256());
        } else if (value instanceof LateResult late) {
            digests.add(late.getResultSha256());
        } else if (value instanceof PlanRejected rejected) {
            digests.add(rejected.getRequestSha256());
        }
        digests.removeIf(d -> d == null);
        return digests;
    }

    private static String workerOf(LogRecord record) {
        String worker = record.headers().get("gamp.worker");
        return worker == null ? "" : " by " + worker + " (attempt " + record.headers().getOrDefault("gamp.attempt", "?") + ")";
    }
}
