package dev.gampplanner.planner.testplan;

import java.util.regex.Pattern;

/**
 * What a detail line of a requirement asks a test to check, by the kind of thing it names: a
 * calculation is checked against an independent one, a selection list against its configuration,
 * a date field against an impossible date, a field against its format and its audit trail.
 */
record DetailCheck(String detail, String expected, String criterion) {

    private static final Pattern CALCULATION = Pattern.compile("(?i)\\b(?:calculat|comput|formula|algorithm|models?\\b|"
        + "statistic|analysis\\b|scor(e|ing)\\b|optimi[sz])");
    private static final Pattern SELECTION = Pattern.compile("(?i)\\b(?:dropdown|drop-down|selection\\b|pick ?list|list of values)");
    private static final Pattern DATE = Pattern.compile("(?i)\\bdate\\b");
    private static final Pattern TRACE = Pattern.compile("(?i)\\b(?:genealogy|traceab|tracking\\b|linking\\b)");
    private static final Pattern INTERFACE = Pattern.compile("(?i)\\b(?:interfac|integrat|exchange|download|upload|synchroni)");
    private static final Pattern ALARM = Pattern.compile("(?i)\\b(?:alarm|notif|escalat|suppress)");
    private static final Pattern FIELD = Pattern.compile("^[\\p{L}][\\p{L} /-]{0,40}(\\(.*\\))?$");

    static DetailCheck of(String detail) {
        if (CALCULATION.matcher(detail).find()) {
            return new DetailCheck(detail, "The calculated value equals the independently calculated expected value for each reference input",
                "result equals an independent calculation for at least 3 reference inputs, including the edges of the input range");
        }
        if (SELECTION.matcher(detail).find()) {
            return new DetailCheck(detail, "Only the configured values can be selected; free text cannot be entered",
                "only the configured list of values can be chosen, and the chosen value is stored with the record");
        }
        if (TRACE.matcher(detail).find()) {
            return new DetailCheck(detail, "Tracing forward and backward from the test lot lists every linked unit, material and record",
                "forward and backward trace from a test lot is complete, compared with the records created in the test");
        }
        if (INTERFACE.matcher(detail).find()) {
            return new DetailCheck(detail, "The transferred data arrive complete and unchanged in the receiving system",
                "record count and every mapped field equal in sender and receiver");
        }
        if (ALARM.matcher(detail).find()) {
            return new DetailCheck(detail, "The alarm behaves as configured for this condition and is recorded with time and user",
                "behaviour matches the configured alarm setting for the condition, recorded with time and user");
        }
        if (DATE.matcher(detail).find()) {
            return new DetailCheck(detail, "A valid date is accepted in the configured format; an impossible date (31 February) is refused",
                "valid dates accepted in the configured format, impossible dates refused, value stored with the record");
        }
        if (FIELD.matcher(detail.strip()).matches() && detail.strip().split("\\s+").length <= 5) {
            return new DetailCheck(detail, "The field is present, accepts the test value, refuses an empty value if mandatory, and a change "
                + "to it is audit-trailed", "field captured and stored with the record; a change to it appears in the audit trail");
        }
        return new DetailCheck(detail, "The system carries it out with the test data and stores the result with user, date and time",
            "demonstrated with the test data; the outcome and its record (user, date and time) are attached as evidence");
    }
}
