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

    /** A text lower-cased for repeated matching, with the pairs of characters it holds ({@link Bigrams}). */
    public record Prepared(String text, Bigrams pairs) {
    }

    /** Lower-cased text for repeated matching. */
    public static Prepared prepare(String text) {
        String lower = term(text);
        return new Prepared(lower, Bigrams.of(lower));
    }

    /** A term lower-cased as {@link #prepare} lower-cases texts: a vocabulary is prepared once, not once per text. */
    public static String term(String term) {
        return term.toLowerCase(Locale.ROOT);
    }

    /** Whether {@code needle}, a term already lower-cased by {@link #term}, starts a word somewhere in {@code prepared}. */
    public static boolean containsPrepared(Prepared prepared, String needle) {
        if (needle.isEmpty() || !prepared.pairs().mayContain(needle)) {
            return false;
        }
        String text = prepared.text();
        int from = 0;
        while (true) {
            int at = text.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1))) {
                return true;
            }
            from = at + 1;
        }
    }
}
