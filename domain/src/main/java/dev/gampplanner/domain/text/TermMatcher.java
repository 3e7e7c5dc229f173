package dev.gampplanner.domain.text;

import java.util.Locale;

/**
 * Finds knowledge terms in URS text: case-insensitive, and anchored at the start of a word so that
 * "api" matches "API-based" but not "capital". Terms are matched as written, so a stem such as
 * "archiv" matches "archive" and "archiving".
 */
public final class TermMatcher {

    private TermMatcher() {
    }

    /** Lower-cased text for repeated matching. */
    public static String prepare(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code needle}, a term already prepared, starts a word somewhere in {@code preparedText}: a vocabulary
     * matched against many texts is lower-cased once, not once per text.
     */
    public static boolean containsPrepared(String preparedText, String needle) {
        if (needle.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = preparedText.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            if (at == 0 || !Character.isLetterOrDigit(preparedText.charAt(at - 1))) {
                return true;
            }
            from = at + 1;
        }
    }
}
