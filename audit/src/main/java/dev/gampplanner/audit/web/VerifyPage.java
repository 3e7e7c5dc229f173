package dev.gampplanner.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.Check;
import dev.gampplanner.domain.CorrelationId;

/** The verification of every plan requested in a time range, failures grouped by kind, as 'gamp audit verify' prints it. */
final class VerifyPage {

    /** The range the auditor asked for; either end may be open. */
    record Range(Instant since, Instant until) {

        static Range of(Map<String, String> query) {
            return new Range(time(query.get("since"), false), time(query.get("until"), true));
        }

        /** An instant (2026-11-25T08:00:00Z) or a day (2026-11-25: from its start, or to its end for 'until'). */
        private static Instant time(String text, boolean endOfDay) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return text.contains("T") ? Instant.parse(text.strip())
                    : LocalDate.parse(text.strip()).plusDays(endOfDay ? 1 : 0).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .minusMillis(endOfDay ? 1 : 0);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is neither an instant (2026-11-25T08:00:00Z) nor a day (2026-11-25)");
            }
        }
    }

    private VerifyPage() {
    }

    static String render(AuditReport report, Range range, int read) {
        StringBuilder html = new StringBuilder("<form method=\"get\" action=\"/verify\">")
            .append("<label>Since <input name=\"since\" placeholder=\"2026-11-25\" value=\"")
            .append(range.since() == null ? "" : Html.escape(range.since())).append("\"></label>")
            .append("<label>Until <input name=\"until\" placeholder=\"2026-11-25T18:00:00Z\" value=\"")
            .append(range.until() == null ? "" : Html.escape(range.until())).append("\"></label>")
            .append("<button type=\"submit\">Verify</button></form><p>")
            .append(read).append(" record(s) read, ").append(report.plans()).append(" plan(s) judged, ")
            .append(report.checks().size()).append(" check(s): ")
            .append(report.ok() ? Html.verdict(true, "every link verifies") : Html.verdict(false, report.failures().size() + " failed"))
            .append("</p>");
        report.signedLine().ifPresent(line -> html.append("<p>").append(Html.escape(line)).append("</p>"));
        report.notSigningLine().ifPresent(line -> html.append("<p>").append(Html.escape(line)).append("</p>"));
        Map<Check.Kind, List<Check>> byKind = report.failures().stream()
            .collect(Collectors.groupingBy(Check::kind, () -> new EnumMap<>(Check.Kind.class), Collectors.toList()));
        byKind.forEach((kind, checks) -> {
            html.append("<h2>").append(kind).append(" (").append(checks.size()).append(")</h2>")
                .append("<table><tr><th>Position</th><th>Record</th><th>Plan</th><th>What failed</th></tr>");
            for (Check check : checks) {
                String key = check.record().key();
                html.append("<tr><td><code>").append(Html.escape(check.record().position())).append("</code></td><td>")
                    .append(Html.escape(check.record().type())).append("</td><td>")
                    .append(!CorrelationId.isValid(key) ? Html.escape(key == null ? "" : key) : "<a href=\"/plans/" + Html.url(key) + "\"><code>" + Html.escape(key) + "</code></a>")
                    .append("</td><td>").append(Html.escape(check.text())).append("</td></tr>");
            }
            html.append("</table>");
        });
        return Html.page("Verify report", html.toString());
    }
}
