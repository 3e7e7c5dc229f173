package dev.gampplanner.planner.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WordStartAlternativesTest {

    @Test
    void sharesTheBoundaryOfAlternativesThatEachBeginWithOne() {
        assertThat(WordStartAlternatives.factor("\\bcots\\b|\\boff[- ]the[- ]shelf\\b"))
            .isEqualTo("(?=[co])\\b(?:cots\\b|off[- ]the[- ]shelf\\b)");
        assertThat(WordStartAlternatives.factor("\\ba?b|\\bc")).isEqualTo("\\b(?:a?b|c)");
    }

    @Test
    void looksAheadForTheLettersEveryMatchMustStartWith() {
        assertThat(WordStartAlternatives.factor("\\bconfigurable\\b")).isEqualTo("(?=[c])\\bconfigurable\\b");
        assertThat(WordStartAlternatives.factor("\\b(standard|basic)\\b")).isEqualTo("(?=[bs])\\b(standard|basic)\\b");
        assertThat(WordStartAlternatives.factor("\\b(a|b)c|\\bd")).isEqualTo("(?=[abd])\\b(?:(a|b)c|d)");
        assertThat(WordStartAlternatives.factor("\\b24/7\\b")).isEqualTo("(?=[2])\\b24/7\\b");
    }

    @Test
    void looksAheadOnlyForLettersThatMustBeThere() {
        for (String regex : List.of("\\bs?et\\b", "\\b(a|b)?c", "\\b(?:a|b)*c", "\\ba{0,2}b", "\\b[a-z]x", "\\b(?=a)a",
            "\\b\\d+", "\\b(a|\\bb)")) {
            assertThat(WordStartAlternatives.factor(regex)).as(regex).isEqualTo(regex);
        }
    }

    @Test
    void splitsOnlyAtTopLevelBars() {
        assertThat(WordStartAlternatives.factor("\\ba[|]b|\\bc")).isEqualTo("(?=[ac])\\b(?:a[|]b|c)");
        assertThat(WordStartAlternatives.factor("\\ba[]|]|\\bc")).isEqualTo("(?=[ac])\\b(?:a[]|]|c)");
        assertThat(WordStartAlternatives.factor("\\ba\\||\\bc")).isEqualTo("(?=[ac])\\b(?:a\\||c)");
        assertThat(WordStartAlternatives.factor("\\ba\\Q|x\\E|\\bc")).isEqualTo("(?=[ac])\\b(?:a\\Q|x\\E|c)");
    }

    @Test
    void leavesOtherPatternsAlone() {
        for (String regex : List.of("\\ba|b", "a|\\bb", "\\b{g}a|\\bb", "(?i)\\ba|\\bb", "")) {
            assertThat(WordStartAlternatives.factor(regex)).as(regex).isEqualTo(regex);
        }
    }
}
