package dev.gampplanner.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BigramsTest {

    @Test
    void everySubstringMayBeContained() {
        Random random = new Random(3);
        for (int sample = 0; sample < 2_000; sample++) {
            String text = randomText(random, 1 + random.nextInt(400));
            Bigrams pairs = Bigrams.of(text);
            int from = random.nextInt(text.length());
            String term = text.substring(from, from + random.nextInt(text.length() - from + 1));
            assertThat(pairs.mayContain(term)).as("'%s' in '%s'", term, text).isTrue();
        }
    }

    @Test
    void aTermWithAPairTheTextLacksCannotBeContained() {
        Bigrams pairs = Bigrams.of(" the audit trail records each change ");
        assertThat(pairs.mayContain("audit trail")).isTrue();
        assertThat(pairs.mayContain("signature")).isFalse();
        // Single characters and the empty term have no pairs to rule them out.
        assertThat(pairs.mayContain("q")).isTrue();
        assertThat(pairs.mayContain("")).isTrue();
    }

    @Test
    void mostTermsAbsentFromARequirementAreRuledOut() {
        Bigrams pairs = Bigrams.of(" the system shall record the user, date and time of every change to a batch record ");
        List<String> absent = List.of("electronic signature", "archiv", "backup", "interface", "calibration", "alarm",
            "21 cfr", "password", "workflow", "spreadsheet", "chromatograph", "sterilis", "label printing", "lims");
        long ruledOut = absent.stream().filter(term -> !pairs.mayContain(term)).count();
        assertThat(ruledOut).isGreaterThanOrEqualTo(absent.size() - 2);
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz  -,.0123456789éü—";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
