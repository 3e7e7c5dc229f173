package dev.gampplanner.audit;

import java.util.List;

/** The checks of a verification, and how much was read. */
public record AuditReport(List<LogRecord> records, List<Check> checks, int plans) {

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.ok()).toList();
    }

    public boolean ok() {
        return failures().isEmpty();
    }

    public List<Check> checksOf(LogRecord record) {
        return checks.stream().filter(c -> c.record() == record).toList();
    }
}
