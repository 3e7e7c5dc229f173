package dev.gampplanner.audit.web;

import java.time.Instant;
import java.util.List;

import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;

/**
 * One plan as the plans page lists it.
 *
 * @param status   the MergedPlan's status, REJECTED, or OPEN while no answer is on the topics
 * @param category the GAMP category PlanOpened decided, or empty
 * @param latencyMs the plan's latency, or null before it is emitted
 * @param failures how many checks of the plan's records failed
 */
record PlanRow(String correlationId, String source, String status, String category, String submittedBy,
               Instant requestedAt, Long latencyMs, int failures) {

    static PlanRow of(String correlationId, List<LogRecord> trail, AuditReport report) {
        String source = "";
        String status = "OPEN";
        String category = "";
        String submittedBy = "";
        Long latency = null;
        Instant requestedAt = trail.isEmpty() ? Instant.EPOCH : trail.get(0).timestamp();
        int failures = 0;
        for (LogRecord record : trail) {
            if (record.record() instanceof PlanRequest request) {
                source = request.getSource();
                submittedBy = request.getSubmittedBy() == null ? "" : request.getSubmittedBy();
                requestedAt = record.timestamp();
            } else if (record.record() instanceof PlanOpened opened) {
                category = String.valueOf(opened.getCategory().getCategory());
            } else if (record.record() instanceof MergedPlan plan) {
                status = String.valueOf(plan.getStatus());
                latency = plan.getLatencyMs();
            } else if (record.record() instanceof PlanRejected rejected) {
                status = "REJECTED";
                source = rejected.getSource();
            }
            failures += (int) report.checksOf(record).stream().filter(c -> !c.ok()).count();
        }
        return new PlanRow(correlationId, source, status, category, submittedBy, requestedAt, latency, failures);
    }
}
