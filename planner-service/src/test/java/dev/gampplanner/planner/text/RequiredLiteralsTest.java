package dev.gampplanner.planner.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

    @Test
    void readsTheLiteralsOfEachAlternative() {
        assertThat(RequiredLiterals.of("\\bcommercial(ly available)? off[- ]the[- ]shelf\\b|\\bCOTS\\b"))
            .contains(Set.of("commercial", "cots"));
        assertThat(RequiredLiterals.of("\\b(no|minimal) customi[sz]ation\\b")).contains(Set.of(" customi"));
        assertThat(RequiredLiterals.of("\\bvendor'?s? (standard|default|built-in)\\b"))
            .contains(Set.of("standard", "default", "built-in"));
    }

    @Test
    void leavesOutWhatMayBeAbsent() {
        assertThat(RequiredLiterals.of("\\be-?signatures?\\b")).contains(Set.of("signature"));
        assertThat(RequiredLiterals.of("ab*cd")).contains(Set.of("cd"));
        assertThat(RequiredLiterals.of("ab{0,2}cd")).contains(Set.of("cd"));
        assertThat(RequiredLiterals.of("xa+y")).contains(Set.of("xa"));
        assertThat(RequiredLiterals.of("set ?up")).contains(Set.of("set"));
        assertThat(RequiredLiterals.of("(?:alpha|beta)?gamma")).contains(Set.of("gamma"));
    }

    @Test
    void aGroupCountsOnlyWhenEachOfItsAlternativesHasOne() {
        assertThat(RequiredLiterals.of("\\b(?:abc|\\d+)x")).contains(Set.of("x"));
        assertThat(RequiredLiterals.of("(?:<|≤|≥) ?\\d")).contains(Set.of("<", "≤", "≥"));
        assertThat(RequiredLiterals.of("\\b(?:abc|(de|fg)h)")).contains(Set.of("abc", "de", "fg"));
    }

    @Test
    void stepsOverZeroWidthBoundariesAndLookarounds() {
        assertThat(RequiredLiterals.of("\\bdata\\b integrity")).contains(Set.of("data integrity"));
        assertThat(RequiredLiterals.of("(?=[c])\\bcots")).contains(Set.of("cots"));
        assertThat(RequiredLiterals.of("(?<!no )audit")).contains(Set.of("audit"));
    }

    @Test
    void givesNoneWhereItCannotBeSure() {
        for (String regex : List.of("(?!)", "\\d+", "[a-z]+", "a|\\d", "(?i)abc", "(?u)k", "(?<name>abc)", "(?>abc)",
            "\\Qabc\\E", "\\p{L}", "\\x41bc", "a?", "", ".*")) {
            assertThat(RequiredLiterals.of(regex)).as(regex).isEqualTo(Optional.empty());
        }
    }

    @Test
    void foldsOnlyAsciiLetters() {
        assertThat(RequiredLiterals.of("Éléments ABC")).contains(Set.of("Éléments abc"));
    }
}
