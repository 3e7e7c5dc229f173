package dev.gampplanner.agent.sme;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.gampplanner.domain.text.Bigrams;

/**
 * Text prepared for the matching rule the knowledge files are written for: a term matches wherever it
 * occurs as a case-insensitive substring, so stems such as "archiv" and "integrat" work.
 *
 * <p>White space (line breaks between a requirement and its detail lines included) is collapsed to
 * single spaces and the text is padded with a space at each end. The terms written with a leading or
 * trailing space (" api", "capa ") then match at the start and end of the text and of every detail
 * line, as their authors meant, and still never inside a word such as "capital".
 */
final class MatchText {

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    private final String text;
    private final Bigrams pairs;

    private MatchText(String text) {
        this.text = text;
        this.pairs = Bigrams.of(text);
    }

    static MatchText of(String raw) {
        return new MatchText(" " + WHITE_SPACE.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll(" ").strip() + " ");
    }

    /** Whether {@code term} (lower case, as the knowledge loader guarantees) occurs in the text. */
    boolean contains(String term) {
        return pairs.mayContain(term) && text.contains(term);
    }

    /** Whether any of {@code terms} occurs in the text. */
    boolean containsAny(List<String> terms) {
        return terms.stream().anyMatch(this::contains);
    }

    /**
     * The first of {@code terms}, in the order the knowledge lists them, that occurs in the text,
     * reported as the words of the text it lies in: "archiv" found in "archival" reads "archival".
     */
    Optional<String> firstMatch(List<String> terms) {
        for (String term : terms) {
            int at = pairs.mayContain(term) ? text.indexOf(term) : -1;
            if (at >= 0) {
                return Optional.of(wordsAt(at, term));
            }
        }
        return Optional.empty();
    }

    private String wordsAt(int at, String term) {
        int start = at + term.length() - term.stripLeading().length();
        int end = at + term.stripTrailing().length();
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }
}
