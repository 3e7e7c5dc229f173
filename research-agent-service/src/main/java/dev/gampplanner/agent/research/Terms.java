package dev.gampplanner.agent.research;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.gampplanner.domain.text.TermMatcher;

/**
 * A list of vocabulary terms, matched in text prepared by {@link TermMatcher#prepare}.
 *
 * <p>A term must start a word ({@link TermMatcher}). A term written entirely in capitals is an
 * acronym and must also end one: short acronyms are otherwise the start of ordinary words
 * ("MES" in "message", "PAT" in "patient", "AI" in "aisle").
 */
final class Terms {

    private record Term(String written, String text, boolean acronym) {
    }

    private final List<Term> terms;

    Terms(List<String> written) {
        this.terms = written.stream().map(t -> new Term(t, TermMatcher.term(t), isAcronym(t))).toList();
    }

    /** The first term, in vocabulary order, found in {@code preparedText}; as the vocabulary writes it. */
    Optional<String> firstIn(TermMatcher.Prepared preparedText) {
        // Asked for every requirement and every vocabulary list: a plain loop, without a stream pipeline per call.
        for (Term term : terms) {
            if (occurs(preparedText, term)) {
                return Optional.of(term.written());
            }
        }
        return Optional.empty();
    }

    /** The terms as the vocabulary writes them, in its order. */
    List<String> written() {
        return terms.stream().map(Term::written).toList();
    }

    boolean anyIn(TermMatcher.Prepared preparedText) {
        return firstIn(preparedText).isPresent();
    }

    static boolean isAcronym(String term) {
        return term.chars().anyMatch(Character::isLetter) && term.equals(term.toUpperCase(Locale.ROOT));
    }

    private static boolean occurs(TermMatcher.Prepared prepared, Term term) {
        if (!term.acronym()) {
            return TermMatcher.containsPrepared(prepared, term.text());
        }
        String needle = term.text();
        if (!prepared.pairs().mayContain(needle)) {
            return false;
        }
        String text = prepared.text();
        int from = 0;
        while (true) {
            int at = text.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            int end = at + needle.length();
            boolean starts = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean ends = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (starts && ends) {
                return true;
            }
            from = at + 1;
        }
    }
}
