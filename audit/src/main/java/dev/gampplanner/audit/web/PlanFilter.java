package dev.gampplanner.audit.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The plans page's search: a correlation id or source (any part of either, any case), a status, a day (UTC).
 * An empty field matches everything.
 */
record PlanFilter(String text, String status, LocalDate day) {

    static PlanFilter of(Map<String, String> query) {
        String day = query.getOrDefault("date", "").strip();
        try {
            return new PlanFilter(query.getOrDefault("q", "").strip(), query.getOrDefault("status", "").strip(),
                day.isEmpty() ? null : LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date '" + day + "' is not a day such as 2026-11-25");
        }
    }

    boolean matches(PlanRow row) {
        String needle = text.toLowerCase(Locale.ROOT);
        return (needle.isEmpty() || row.correlationId().toLowerCase(Locale.ROOT).contains(needle)
                || row.source().toLowerCase(Locale.ROOT).contains(needle))
            && (status.isEmpty() || status.equalsIgnoreCase(row.status()))
            && (day == null || day.equals(LocalDate.ofInstant(row.requestedAt(), ZoneOffset.UTC)));
    }
}
