package dev.gampplanner.domain.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** The first of {@code terms} found in {@code preparedText}, if any. */
    public static Optional<String> firstMatch(String preparedText, Collection<String> terms) {
        for (String term : terms) {
            if (contains(preparedText, term)) {
                return Optional.of(term);
            }
        }
        return Optional.empty();
    }

    /** Every one of {@code terms} found in {@code preparedText}, in the order given. */
    public static List<String> allMatches(String preparedText, Collection<String> terms) {
        List<String> found = new ArrayList<>();
        for (String term : terms) {
            if (contains(preparedText, term)) {
                found.add(term);
            }
        }
        return found;
    }

    /** Whether {@code term} starts a word somewhere in {@code preparedText}. */
    public static boolean contains(String preparedText, String term) {
        return containsPrepared(preparedText, prepare(term));
    }

    /**
     * As {@link #contains}, for a term already prepared: a vocabulary matched against many texts is
     * lower-cased once, not once per text.
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

    /** How many times {@code term} starts a word in {@code preparedText}. */
    public static int count(String preparedText, String term) {
        String needle = term.toLowerCase(Locale.ROOT);
        int count = 0;
        int from = 0;
        while (!needle.isEmpty()) {
            int at = preparedText.indexOf(needle, from);
            if (at < 0) {
                break;
            }
            if (at == 0 || !Character.isLetterOrDigit(preparedText.charAt(at - 1))) {
                count++;
            }
            from = at + needle.length();
        }
        return count;
    }
}
