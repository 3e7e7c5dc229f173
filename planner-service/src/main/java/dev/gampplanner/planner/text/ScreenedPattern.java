package dev.gampplanner.planner.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case-insensitive pattern the planner applies to every line or requirement of every URS, in the form that does
 * the least work for the same matches: alternatives that each start with a word boundary share it
 * ({@link WordStartAlternatives}), and a text that contains none of the literals every match needs
 * ({@link RequiredLiterals}) is not searched at all. Most of the planner's patterns match few of the texts they
 * are tried on, and a substring search rules a text out many times faster than the regular expression engine.
 */
public final class ScreenedPattern {

    private final String regex;
    private final Pattern pattern;
    private final List<String> literals;

    private ScreenedPattern(String regex, Pattern pattern, List<String> literals) {
        this.regex = regex;
        this.pattern = pattern;
        this.literals = literals;
    }

    /** {@code regex} compiled with {@link Pattern#CASE_INSENSITIVE}; an invalid one throws as {@link Pattern#compile} does. */
    public static ScreenedPattern compile(String regex) {
        Pattern pattern = Pattern.compile(WordStartAlternatives.factor(regex), Pattern.CASE_INSENSITIVE);
        return new ScreenedPattern(regex, pattern, RequiredLiterals.of(regex).map(List::copyOf).orElse(List.of()));
    }

    /**
     * The text as the screen reads it: ASCII letters in lower case and nothing else changed, which is exactly the
     * case-insensitivity of the pattern (without {@link Pattern#UNICODE_CASE}). Fold a text once for all patterns.
     */
    public static String fold(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] folded = text.toCharArray();
                for (int j = i; j < folded.length; j++) {
                    folded[j] = fold(folded[j]);
                }
                return new String(folded);
            }
        }
        return text;
    }

    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** False only when no match can occur in the text whose {@link #fold folded} form this is. */
    public boolean mayOccurIn(String folded) {
        if (literals.isEmpty()) {
            return true;
        }
        for (String literal : literals) {
            if (folded.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the pattern occurs in {@code text}, given its folded form. */
    public boolean find(String text, String folded) {
        return mayOccurIn(folded) && pattern.matcher(text).find();
    }

    /** A matcher over {@code text}, for the matches themselves; screen first with {@link #mayOccurIn}. */
    public Matcher matcher(String text) {
        return pattern.matcher(text);
    }

    /** The literals of the screen, none when it cannot screen: for tests. */
    List<String> literals() {
        return literals;
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return regex;
    }
}
