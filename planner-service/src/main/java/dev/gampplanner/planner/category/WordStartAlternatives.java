package dev.gampplanner.planner.category;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites {@code \ba|\bb|\bc} as {@code \b(?:a|b|c)}, which matches exactly the same text at exactly the
 * same places. java.util.regex tries every alternative at every position of the text, and a word boundary
 * is a costly test (the characters on both sides are classified as letters or not), so a pattern whose
 * alternatives each begin with one tests it once per position instead of once per alternative.
 */
final class WordStartAlternatives {

    private static final String BOUNDARY = "\\b";

    private WordStartAlternatives() {
    }

    /** The pattern with its leading word boundary shared, or unchanged when not every alternative begins with one. */
    static String factor(String regex) {
        List<String> alternatives = topLevelAlternatives(regex);
        if (alternatives.size() < 2 || !alternatives.stream().allMatch(WordStartAlternatives::startsWithBoundary)) {
            return regex;
        }
        return BOUNDARY + "(?:" + String.join("|", alternatives.stream().map(a -> a.substring(BOUNDARY.length())).toList()) + ")";
    }

    /** {@code \b} but not the grapheme boundary {@code \b{g}}. */
    private static boolean startsWithBoundary(String alternative) {
        return alternative.startsWith(BOUNDARY) && !alternative.startsWith(BOUNDARY + "{");
    }

    /** The pattern split at each {@code |} outside groups, character classes, escapes and quoted text. */
    private static List<String> topLevelAlternatives(String regex) {
        List<String> alternatives = new ArrayList<>();
        int depth = 0;
        int classDepth = 0;
        int start = 0;
        int i = 0;
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
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                alternatives.add(regex.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        alternatives.add(regex.substring(start));
        return alternatives;
    }
}
