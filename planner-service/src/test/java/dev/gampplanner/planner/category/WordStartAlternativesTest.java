package dev.gampplanner.planner.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.gampplanner.planner.PlannerKnowledge;

class WordStartAlternativesTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "urs");

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

    @Test
    void everyCategorisationPatternFindsTheSameMatchesInTheExamples() throws IOException {
        List<String> texts = exampleLines();
        CategorizationRules rules = PlannerKnowledge.load().categorization();
        List<String> regexes = new ArrayList<>();
        rules.signals().forEach(s -> regexes.add(s.pattern()));
        rules.reinterpretations().forEach(r -> {
            regexes.add(r.when());
            regexes.add(r.unless());
        });
        int factored = 0;
        for (String regex : regexes) {
            Pattern written = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            Pattern compiled = Pattern.compile(WordStartAlternatives.factor(regex), Pattern.CASE_INSENSITIVE);
            factored += written.pattern().equals(compiled.pattern()) ? 0 : 1;
            for (String text : texts) {
                assertThat(matches(compiled, text)).as(regex + " in: " + text).isEqualTo(matches(written, text));
            }
        }
        assertThat(factored).as("patterns rewritten").isGreaterThanOrEqualTo(25);
    }

    private static List<String> exampleLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** Every match with its position and groups. */
    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            StringBuilder match = new StringBuilder(matcher.start() + "-" + matcher.end());
            for (int group = 1; group <= matcher.groupCount(); group++) {
                match.append('|').append(matcher.group(group));
            }
            found.add(match.toString());
        }
        return found;
    }
}
