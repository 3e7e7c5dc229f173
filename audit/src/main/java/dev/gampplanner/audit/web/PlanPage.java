package dev.gampplanner.audit.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.Check;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.audit.RecordText;
import dev.gampplanner.schema.MergedPlan;

/**
 * One plan's trail across every topic in order — request, PlanOpened, agent requests, results (duplicates and late
 * ones too), the deadline decision, the plan — each record with its digest, the digests it links to (a link whose
 * record is not on the topics shows as such) and the outcome of every check on it.
 */
final class PlanPage {

    private PlanPage() {
    }

    static String render(String correlationId, List<LogRecord> trail, AuditReport report) {
        PlanRow row = PlanRow.of(correlationId, trail, report);
        Map<String, LogRecord> bySha = new HashMap<>();
        trail.forEach(r -> bySha.putIfAbsent(r.sha256(), r));
        StringBuilder html = new StringBuilder("<p>Source <b>").append(Html.escape(row.source().isEmpty() ? "-" : row.source())).append("</b>, submitted by ")
            .append(Html.escape(row.submittedBy().isEmpty() ? "-" : row.submittedBy())).append(", category ")
            .append(Html.escape(row.category().isEmpty() ? "-" : row.category())).append(", status <b>")
            .append(Html.escape(row.status())).append("</b>")
            .append(row.latencyMs() == null ? "" : ", latency " + row.latencyMs() + " ms").append(".</p><p>")
            .append(report.ok() ? Html.verdict(true, "every link of " + trail.size() + " record(s) verifies")
                : Html.verdict(false, report.failures().size() + " check(s) fail"))
            .append("</p>");
        report.notSigningLine().ifPresent(line -> html.append("<p>").append(Html.escape(line)).append("</p>"));
        downloads(html, correlationId, trail);
        html.append("<table><tr><th>Written (UTC)</th><th>Position</th><th>Record</th><th>SHA-256</th>")
            .append("<th>Links to</th><th>Checks</th></tr>");
        for (LogRecord record : trail) {
            List<Check> checks = report.checksOf(record);
            html.append(checks.stream().allMatch(Check::ok) ? "<tr>" : "<tr class=\"failed\">")
                .append("<td>").append(Html.escape(record.timestamp())).append("</td>")
                .append("<td><code>").append(Html.escape(record.position())).append("</code></td>")
                .append("<td><b>").append(Html.escape(record.type())).append("</b> ")
                .append(Html.escape(RecordText.describe(record))).append("</td>")
                .append("<td id=\"sha-").append(Html.escape(record.sha256())).append("\" title=\"")
                .append(Html.escape(record.sha256())).append("\"><code>").append(Html.escape(record.shortSha()))
                .append("</code></td><td>");
            for (String digest : RecordText.linkedDigests(record)) {
                LogRecord target = bySha.get(digest);
                html.append(target == null
                    ? "<span class=\"missing\" title=\"" + Html.escape(digest) + "\"><code>" + Html.escape(shortOf(digest))
                        + "</code> not on the topics</span><br>"
                    : "<a href=\"#sha-" + Html.escape(digest) + "\"><code>" + Html.escape(shortOf(digest)) + "</code> "
                        + Html.escape(target.type()) + "</a><br>");
            }
            html.append("</td><td>");
            for (Check check : checks) {
                html.append(Html.verdict(check.ok(), check.ok() ? check.text() : check.kind() + ": " + check.text())).append("<br>");
            }
            html.append("</td></tr>");
        }
        return Html.page("Plan " + correlationId, html.append("</table>").toString());
    }

    private static void downloads(StringBuilder html, String correlationId, List<LogRecord> trail) {
        if (trail.stream().noneMatch(r -> r.record() instanceof MergedPlan)) {
            return;
        }
        html.append("<p>Download the plan:");
        for (PlanDownload download : PlanDownload.values()) {
            html.append(" <a href=\"/plans/").append(Html.url(correlationId)).append("/").append(download.file).append("\">")
                .append(download.file).append("</a>");
        }
        html.append("</p>");
    }

    private static String shortOf(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }
}
