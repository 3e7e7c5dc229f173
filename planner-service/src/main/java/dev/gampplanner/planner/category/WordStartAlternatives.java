package dev.gampplanner.planner.category;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rewrites a pattern that starts every match with a word boundary into one that finds exactly the same
 * matches at exactly the same places with less work. java.util.regex tries the whole pattern at every
 * position of the text, and a word boundary is a costly test there (the characters on both sides are
 * classified as letters or not), so:
 * <ul>
 * <li>{@code \ba|\bb} becomes {@code \b(?:a|b)}: one boundary test per position instead of one per alternative;
 * <li>when every match must begin with one of a few letters, a look-ahead for them comes first
 *     ({@code \bconfigurable\b} becomes {@code (?=[c])\bconfigurable\b}), and the boundary is tested only where
 *     one of them stands.
 * </ul>
 */
final class WordStartAlternatives {

    private static final String BOUNDARY = "\\b";

    private WordStartAlternatives() {
    }

    /** The pattern in its cheaper form, or unchanged when it does not start every alternative with a word boundary. */
    static String factor(String regex) {
        List<String> alternatives = scan(regex, 0).alternatives();
        if (!alternatives.stream().allMatch(WordStartAlternatives::startsWithBoundary)) {
            return regex;
        }
        String rest = alternatives.size() == 1 ? regex.substring(BOUNDARY.length())
            : "(?:" + String.join("|", alternatives.stream().map(a -> a.substring(BOUNDARY.length())).toList()) + ")";
        Set<Character> first = firstCharacters(rest);
        String lookAhead = first == null ? "" : "(?=[" + first.stream().map(String::valueOf).reduce("", String::concat) + "])";
        return lookAhead + BOUNDARY + rest;
    }

    /** {@code \b} but not the grapheme boundary {@code \b{g}}. */
    private static boolean startsWithBoundary(String alternative) {
        return alternative.startsWith(BOUNDARY) && !alternative.startsWith(BOUNDARY + "{");
    }

    /**
     * The letters or digits one of which every match of {@code regex} starts with, or null when that cannot be
     * read off simply: a literal letter or digit that must occur, or a group whose alternatives each start so.
     */
    private static Set<Character> firstCharacters(String regex) {
        if (regex.isEmpty()) {
            return null;
        }
        if (regex.charAt(0) == '(') {
            boolean capturing = !regex.startsWith("(?");
            if (!capturing && !regex.startsWith("(?:")) {
                return null;
            }
            Scan group = scan(regex, capturing ? 1 : 3);
            if (group.end() >= regex.length() || optional(regex, group.end() + 1)) {
                return null;
            }
            Set<Character> first = new TreeSet<>();
            for (String alternative : group.alternatives()) {
                Set<Character> its = firstCharacters(alternative);
                if (its == null) {
                    return null;
                }
                first.addAll(its);
            }
            return first;
        }
        char c = regex.charAt(0);
        boolean literal = c < 128 && Character.isLetterOrDigit(c);
        return literal && !optional(regex, 1) ? new TreeSet<>(Set.of(c)) : null;
    }

    /** Whether the atom ending before {@code at} may be absent (or repeated in a way not worth reading). */
    private static boolean optional(String regex, int at) {
        return at < regex.length() && "?*{".indexOf(regex.charAt(at)) >= 0;
    }

    /** The alternatives of a pattern or group body, and where the body ends: its closing parenthesis, or the pattern's end. */
    private record Scan(List<String> alternatives, int end) {
    }

    /** Splits at each {@code |} outside nested groups, character classes, escapes and quoted text, from {@code from}. */
    private static Scan scan(String regex, int from) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int classDepth = 0;
        int start = from;
        int i = from;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (regex.startsWith("Q", i + 1)) {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 2;
                } else {
                    i += 2;
                }
                continue;
            }
            if (classDepth > 0) {
                classDepth += c == '[' ? 1 : c == ']' ? -1 : 0;
            } else if (c == '[') {
                classDepth = 1;
                // A ']' first in a class (after an optional '^') is a literal.
                int next = regex.startsWith("^", i + 1) ? i + 2 : i + 1;
                if (regex.startsWith("]", next)) {
                    i = next;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth == 0) {
                break;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(regex.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        alternatives.add(regex.substring(start, Math.min(i, regex.length())));
        return new Scan(alternatives, i);
    }
}
