package dev.gampplanner.planner.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.category.CategorizationRules;

class ScreenedPatternTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "urs");

    /** Shapes the test themes and the knowledge files use, and a few they do not. */
    private static final List<String> SHAPES = List.of(
        "\\b(?:e-?signatures?\\b|electronic signatures?\\b|sign(ing|ed)? off\\b|dual (e-?)?signature)",
        "\\b(?:audit[- ]trails?\\b|alcoa\\+?|data integrity\\b|traceab)",
        "\\b(?:sso\\b|ldap\\b|(ad|oidc|saml)\\b|encrypt|read-only access\\b)",
        "(?:<|≤|≥) ?\\d|\\b(?:within \\d|response time\\b|per (day|hour|second|minute)\\b|up to \\d)",
        "\\b(?:workflows?|rules?|two-stage|states?|approvals?)\\b",
        "(?!)", "(?<!not )\\bvalidated\\b", "\\bKELVIN\\b", "(?i)\\bvalid", "ab*cd", "x+y");

    @Test
    void findsExactlyWhatThePatternAsWrittenFinds() throws IOException {
        List<String> regexes = new ArrayList<>(SHAPES);
        CategorizationRules rules = PlannerKnowledge.load().categorization();
        rules.signals().forEach(s -> regexes.add(s.pattern()));
        rules.reinterpretations().forEach(r -> {
            regexes.add(r.when());
            regexes.add(r.unless());
        });
        List<String> texts = texts();
        int tried = 0;
        int screenedOut = 0;
        for (String regex : regexes) {
            Pattern written = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
            ScreenedPattern screened = ScreenedPattern.compile(regex);
            for (String text : texts) {
                String folded = ScreenedPattern.fold(text);
                boolean found = written.matcher(text).find();
                assertThat(screened.find(text, folded)).as(regex + " in: " + text).isEqualTo(found);
                if (screened.mayOccurIn(folded)) {
                    assertThat(matches(screened.matcher(text))).as(regex + " in: " + text).isEqualTo(matches(written.matcher(text)));
                } else {
                    screenedOut++;
                }
                tried++;
            }
        }
        assertThat(screenedOut).as("texts never searched, of " + tried).isGreaterThan(tried * 3 / 4);
    }

    @Test
    void foldsAsciiLettersOnly() {
        assertThat(ScreenedPattern.fold("Audit TRAIL, Élément, \u212A")).isEqualTo("audit trail, Élément, \u212A");
        String lower = "already lower";
        assertThat(ScreenedPattern.fold(lower)).isSameAs(lower);
    }

    @Test
    void aPatternWithoutLiteralsIsAlwaysSearched() {
        ScreenedPattern digits = ScreenedPattern.compile("\\d{2,}");
        assertThat(digits.literals()).isEmpty();
        assertThat(digits.find("within 5 s", "within 5 s")).isFalse();
        assertThat(digits.find("within 50 s", "within 50 s")).isTrue();
    }

    /** Every line of the examples as written, in upper case, and cut and re-cased at random places. */
    private static List<String> texts() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        Random random = new Random(7);
        List<String> texts = new ArrayList<>(lines);
        for (String line : lines) {
            texts.add(line.toUpperCase());
            if (line.length() > 2) {
                int from = random.nextInt(line.length() / 2);
                int to = from + 1 + random.nextInt(line.length() - from - 1);
                StringBuilder cut = new StringBuilder(line.substring(from, to));
                for (int i = 0; i < cut.length(); i += 1 + random.nextInt(4)) {
                    cut.setCharAt(i, Character.toUpperCase(cut.charAt(i)));
                }
                texts.add(cut.toString());
            }
        }
        texts.addAll(List.of("", "K", "\u212Aelvin", "ﬁle", "İD", "e-signature", "SIGNED OFF", "≤ 5 s", "not validated"));
        return texts;
    }

    /** Every match with its position and groups. */
    private static List<String> matches(Matcher matcher) {
        List<String> found = new ArrayList<>();
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
