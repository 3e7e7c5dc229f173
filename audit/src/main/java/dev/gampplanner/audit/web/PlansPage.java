package dev.gampplanner.audit.web;

import java.util.List;

/** Every plan on the topics, newest first, with its status and whether its records verify; searchable. */
final class PlansPage {

    private static final List<String> STATUSES = List.of("COMPLETE", "PARTIAL", "FAILED", "REJECTED", "OPEN");

    private PlansPage() {
    }

    static String render(List<PlanRow> rows, PlanFilter filter) {
        List<PlanRow> shown = rows.stream().filter(filter::matches).toList();
        StringBuilder html = new StringBuilder(searchForm(filter));
        html.append("<p>").append(shown.size()).append(" of ").append(rows.size()).append(" plan(s)</p>")
            .append("<table><tr><th>Correlation id</th><th>Requested (UTC)</th><th>Source</th><th>Submitted by</th>")
            .append("<th>Category</th><th>Status</th><th>Latency</th><th>Verification</th></tr>");
        for (PlanRow row : shown) {
            html.append(row.failures() > 0 ? "<tr class=\"failed\">" : "<tr>")
                .append("<td><a href=\"/plans/").append(Html.url(row.correlationId())).append("\"><code>")
                .append(Html.escape(row.correlationId())).append("</code></a></td>")
                .append("<td>").append(Html.escape(row.requestedAt())).append("</td>")
                .append("<td>").append(Html.escape(row.source())).append("</td>")
                .append("<td>").append(Html.escape(row.submittedBy())).append("</td>")
                .append("<td>").append(Html.escape(row.category())).append("</td>")
                .append("<td>").append(Html.escape(row.status())).append("</td>")
                .append("<td>").append(row.latencyMs() == null ? "" : row.latencyMs() + " ms").append("</td>")
                .append("<td>").append(row.failures() == 0 ? Html.verdict(true, "every link verifies")
                    : Html.verdict(false, row.failures() + " check(s) fail")).append("</td></tr>");
        }
        return Html.page("Plans", html.append("</table>").toString());
    }

    private static String searchForm(PlanFilter filter) {
        StringBuilder form = new StringBuilder("<form method=\"get\" action=\"/\">")
            .append("<label>Correlation id or source <input name=\"q\" value=\"").append(Html.escape(filter.text())).append("\"></label>")
            .append("<label>Status <select name=\"status\"><option value=\"\">any</option>");
        for (String status : STATUSES) {
            form.append("<option").append(status.equals(filter.status()) ? " selected" : "").append(">").append(status)
                .append("</option>");
        }
        return form.append("</select></label>")
            .append("<label>Day <input name=\"date\" placeholder=\"2026-11-25\" value=\"")
            .append(filter.day() == null ? "" : filter.day()).append("\"></label>")
            .append("<button type=\"submit\">Search</button></form>").toString();
    }
}
