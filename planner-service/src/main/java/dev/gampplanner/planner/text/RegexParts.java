package dev.gampplanner.planner.text;

import java.util.ArrayList;
import java.util.List;

/** The little of a regular expression's structure that the rewrites here read: alternatives and optional atoms. */
final class RegexParts {

    private RegexParts() {
    }

    /** The alternatives of a pattern or group body, and where the body ends: its closing parenthesis, or the pattern's end. */
    record Scan(List<String> alternatives, int end) {
    }

    /** Whether the atom ending before {@code at} may be absent (or repeated in a way not worth reading). */
    static boolean optional(String regex, int at) {
        return at < regex.length() && "?*{".indexOf(regex.charAt(at)) >= 0;
    }

    /** Splits at each {@code |} outside nested groups, character classes, escapes and quoted text, from {@code from}. */
    static Scan scan(String regex, int from) {
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
