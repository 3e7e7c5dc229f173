package dev.gampplanner.planner.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Literal text that every match of a case-insensitive pattern must contain, read off its structure: for
 * {@code \bcommercial(ly available)? off[- ]the[- ]shelf\b|\bcots\b} every match contains "commercial" or "cots".
 * A text that contains none of them cannot match, which a substring search tells far sooner than the pattern.
 * Where the structure is not simple enough to read with certainty (inline flags, quoted text, lookbehind, a
 * branch with no required literal), there are none, and the pattern is always tried.
 */
final class RequiredLiterals {

    private RequiredLiterals() {
    }

    /** The folded literals one of which every match contains, or empty when they cannot be read off. */
    static Optional<Set<String>> of(String regex) {
        return Optional.ofNullable(regex.contains("\\Q") ? null : ofAlternatives(RegexParts.scan(regex, 0).alternatives()));
    }

    private static Set<String> ofAlternatives(List<String> alternatives) {
        Set<String> literals = new TreeSet<>();
        for (String alternative : alternatives) {
            Set<String> its = ofSequence(alternative);
            if (its == null) {
                return null;
            }
            literals.addAll(its);
        }
        return literals;
    }

    /**
     * The best of the literal sets a sequence without top-level bars requires: each run of required literal
     * characters is one, each required group another; the best is the one whose shortest literal is longest.
     */
    private static Set<String> ofSequence(String sequence) {
        List<Set<String>> candidates = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < sequence.length()) {
            char c = sequence.charAt(i);
            if (c == '\\') {
                char escaped = i + 1 < sequence.length() ? sequence.charAt(i + 1) : 0;
                if ("pPxuNck0".indexOf(escaped) >= 0) {
                    return null;
                }
                boolean boundary = (escaped == 'b' || escaped == 'B') && !sequence.startsWith("{", i + 2);
                if (!boundary) {
                    // A zero-width boundary leaves the run whole; anything else escaped ends it.
                    end(run, candidates);
                    i = afterQuantifier(sequence, i + 2);
                    continue;
                }
                i += 2;
            } else if (c == '[') {
                end(run, candidates);
                i = afterQuantifier(sequence, afterClass(sequence, i));
            } else if (c == '(') {
                end(run, candidates);
                int bodyStart = !sequence.startsWith("(?", i) ? i + 1
                    : sequence.startsWith("(?:", i) || sequence.startsWith("(?=", i) || sequence.startsWith("(?!", i) ? i + 3
                    : sequence.startsWith("(?<=", i) || sequence.startsWith("(?<!", i) ? i + 4
                    : -1;
                if (bodyStart < 0) {
                    // Inline flags, named, atomic groups: not read (a flag could change what a letter matches).
                    return null;
                }
                boolean plain = bodyStart == i + 1 || sequence.startsWith("(?:", i);
                RegexParts.Scan group = RegexParts.scan(sequence, bodyStart);
                if (group.end() >= sequence.length()) {
                    return null;
                }
                int after = group.end() + 1;
                if (plain && !RegexParts.optional(sequence, after)) {
                    Set<String> its = ofAlternatives(group.alternatives());
                    if (its != null) {
                        candidates.add(its);
                    }
                }
                i = afterQuantifier(sequence, after);
            } else if (".^$".indexOf(c) >= 0) {
                end(run, candidates);
                i = afterQuantifier(sequence, i + 1);
            } else if (RegexParts.optional(sequence, i + 1)) {
                end(run, candidates);
                i = afterQuantifier(sequence, i + 1);
            } else {
                run.append(ScreenedPattern.fold(c));
                if (sequence.startsWith("+", i + 1)) {
                    end(run, candidates);
                    i = afterQuantifier(sequence, i + 1);
                } else {
                    i++;
                }
            }
        }
        end(run, candidates);
        return candidates.stream()
            .max(Comparator.comparingInt(set -> set.stream().mapToInt(String::length).min().orElse(0)))
            .orElse(null);
    }

    private static void end(StringBuilder run, List<Set<String>> candidates) {
        if (!run.isEmpty()) {
            candidates.add(Set.of(run.toString()));
            run.setLength(0);
        }
    }

    /** Past a quantifier ({@code ?}, {@code *}, {@code +} or {@code {n,m}}, lazy or possessive) standing at {@code at}, if any. */
    private static int afterQuantifier(String regex, int at) {
        int i = at;
        if (i < regex.length() && "?*+".indexOf(regex.charAt(i)) >= 0) {
            i++;
        } else if (regex.startsWith("{", i)) {
            int close = regex.indexOf('}', i);
            i = close < 0 ? regex.length() : close + 1;
        } else {
            return i;
        }
        return i < regex.length() && "?+".indexOf(regex.charAt(i)) >= 0 ? i + 1 : i;
    }

    /** Past the character class opening at {@code open}, nested classes and a leading literal {@code ]} included. */
    private static int afterClass(String regex, int open) {
        int i = regex.startsWith("^", open + 1) ? open + 2 : open + 1;
        if (regex.startsWith("]", i)) {
            i++;
        }
        int depth = 1;
        while (i < regex.length() && depth > 0) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            i++;
        }
        return i;
    }
}
