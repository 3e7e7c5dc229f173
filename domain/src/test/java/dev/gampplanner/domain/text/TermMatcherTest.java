package dev.gampplanner.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermMatcherTest {

    private static boolean matches(String text, String term) {
        return TermMatcher.containsPrepared(TermMatcher.prepare(text), TermMatcher.term(term));
    }

    @Test
    void aTermMatchesOnlyWhereItStartsAWordWhateverItsCase() {
        assertThat(matches("The API-based export", "api")).isTrue();
        assertThat(matches("Working capital", "api")).isFalse();
        // An occurrence inside a word does not hide a later one at a word's start.
        assertThat(matches("capital, then the api", "API")).isTrue();
    }

    @Test
    void aStemMatchesTheWordsItBegins() {
        assertThat(matches("Records are archived nightly", "archiv")).isTrue();
        assertThat(matches("Archiving on request", "archiv")).isTrue();
    }

    @Test
    void anEmptyTermMatchesNothing() {
        assertThat(matches("any text", "")).isFalse();
    }
}
