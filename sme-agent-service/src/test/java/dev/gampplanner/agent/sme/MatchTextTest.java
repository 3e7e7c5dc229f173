package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MatchTextTest {

    @Test
    void termsMatchAsCaseInsensitiveSubstrings() {
        MatchText text = MatchText.of("Data shall be ARCHIVED for 7 years.");

        assertThat(text.contains("archiv")).isTrue();
        assertThat(text.contains("ived for")).isTrue();
        assertThat(text.contains("retention")).isFalse();
    }

    @Test
    void aLeadingSpaceMeansTheStartOfAWordIncludingAtTheStartOfADetailLine() {
        MatchText detail = MatchText.of("Develop custom middleware:\nAPI gateway with rate limiting");
        MatchText inside = MatchText.of("Capital expenditure planning");

        assertThat(detail.contains(" api")).isTrue();
        assertThat(inside.contains(" api")).isFalse();
        assertThat(MatchText.of("Track CAPA").contains("capa ")).isTrue();
    }

    @Test
    void aMatchIsReportedAsTheWholeWordsItLiesIn() {
        MatchText text = MatchText.of("Records are kept in the vendor's archival store\n  - Nightly REST APIs");

        assertThat(text.firstMatch(List.of("retention", "archiv"))).contains("archival");
        assertThat(text.firstMatch(List.of(" api"))).contains("apis");
        assertThat(text.firstMatch(List.of("store "))).contains("store");
        assertThat(text.firstMatch(List.of("vendor's standard"))).isEmpty();
    }

    @Test
    void theFirstTermInKnowledgeOrderWins() {
        MatchText text = MatchText.of("Batch release decision support");

        assertThat(text.firstMatch(List.of("release decision", "batch release"))).contains("release decision");
    }
}
