package dev.gampplanner.agent.context.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class GuidanceSectionsTest {

    private static final GuidanceSections.Document DOCUMENT =
        new GuidanceSections.Document("G", "Guide", "A guide", "Draft - Not for Implementation");

    @Test
    void numbersSectionsByRomanLetterAndArabicLevels() {
        List<Passage> passages = GuidanceSections.passages("""
            # A Guide
            Cover page text.
            # TABLE OF CONTENTS
            # I. PURPOSE
            ........ 1
            # II. DETAILS
            ........ 2
            ---
            # Draft - Not for Implementation
            # I. PURPOSE
            Why this guide exists.
            # II. DETAILS
            # A. First
            Text of A.
            # 1. Numbered
            - a bullet
            • another
            # B. Second
            Before the break
            ---
            # Draft - Not for Implementation
            after the break.
            # H. Out of order
            Still a letter section.
            # I. Ninth letter
            The letter after H, not the numeral one.
            # III. MORE
            Text of III.
            # References
            1. Not guidance.
            """, DOCUMENT);

        assertThat(passages).extracting(Passage::id)
            .containsExactly("G.I", "G.II.A", "G.II.A.1", "G.II.B", "G.II.H", "G.II.I", "G.III");
        assertThat(passages.get(0).title()).isEqualTo("Purpose");
        assertThat(passages.get(0).citation()).isEqualTo("Guide §I");
        assertThat(passages.get(0).source()).isEqualTo("A guide");
        assertThat(passages.get(2).text()).isEqualTo("a bullet another");
        assertThat(passages.get(3).text()).isEqualTo("Before the break after the break.");
        assertThat(passages).extracting(Passage::text).noneMatch(text -> text.contains("Not guidance"));
    }
}
