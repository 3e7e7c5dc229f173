package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gampplanner.schema.Requirement;

/**
 * Whether a requirement can be tested as written. One that qualifies itself with a word no test can
 * decide ("enhanced", "user-friendly"), leaves an open question in the URS, or depends on whether
 * the vendor offers the function must be clarified first: a criterion written for it would only
 * restate it.
 */
final class Clarity {

    private static final Pattern QUOTED_VAGUE = Pattern.compile("[\"“']\\s*([A-Za-z -]{3,30})\\s*[\"”']");
    private static final Pattern OPEN_NOTE = Pattern.compile(
        "(?i)\\b(?:note:\\s*unclear|unclear\\b|tbd\\b|tbc\\b|to be (?:confirmed|defined|determined|decided)\\b)|\\?");
    private static final Pattern CONDITIONAL = Pattern.compile(
        "(?i)\\bif (?:supported|provided|available|offered|possible)\\b(?: by (?:the )?vendor)?");
    private static final Pattern VAGUE = Pattern.compile(
        "(?i)\\b(user-friendly|intuitive|easy to use|flexible|improved performance|optimal|state-of-the-art|seamless|robust|"
            + "as needed|as required|where appropriate|adequate|sufficient|intelligent|typical conditions|beyond standard|"
            + "exceeding regulatory requirements|enhanced|advanced|sophisticated|complex)\\b");

    private Clarity() {
    }

    /** The reason to clarify the requirement before testing it, or empty when it is testable. */
    static Optional<String> reasonToClarify(Requirement requirement, List<Limit> limits) {
        String text = requirement.getText();
        Matcher note = OPEN_NOTE.matcher(text);
        if (note.find()) {
            return Optional.of("the URS leaves a question open (\"" + excerpt(text, note.start()) + "\"); the process owner must "
                + "decide what is required before a criterion can be written");
        }
        Matcher quoted = QUOTED_VAGUE.matcher(text);
        while (quoted.find()) {
            if (VAGUE.matcher(quoted.group(1)).find()) {
                return Optional.of("\"" + quoted.group(1).strip() + "\" is not defined: state what the system must do, with a "
                    + "measurable result, so that a test can pass or fail");
            }
        }
        Matcher conditional = CONDITIONAL.matcher(text);
        if (conditional.find()) {
            return Optional.of("the requirement applies only \"" + conditional.group() + "\": confirm with the supplier whether the "
                + "function exists, then restate it as a firm requirement or remove it");
        }
        Matcher vague = VAGUE.matcher(text);
        if (vague.find() && limits.isEmpty() && requirement.getDetails().isEmpty()) {
            return Optional.of("\"" + vague.group(1) + "\" is not measurable and the requirement gives no detail or limit that "
                + "says what would pass; specify the expected behaviour");
        }
        return Optional.empty();
    }

    private static String excerpt(String text, int at) {
        int start = Math.max(0, at - 10);
        int end = Math.min(text.length(), at + 50);
        return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
    }
}
