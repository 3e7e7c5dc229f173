package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.Scoring;
import dev.gampplanner.agent.sme.knowledge.SmeKnowledge;

class SmeKnowledgeTest {

    private final SmeKnowledge knowledge = SmeKnowledge.load();

    @Test
    void loadsEveryControlFactorAndCategoryRule() {
        assertThat(knowledge.controls()).hasSize(46);
        assertThat(knowledge.risk().factors()).hasSize(40);
        assertThat(knowledge.risk().factors()).filteredOn(f -> f.caps()).hasSize(4);
        assertThat(knowledge.risk().adjustmentFor(5)).hasValueSatisfying(a -> assertThat(a.occurrenceBaseline()).isEqualTo(3));
        assertThat(knowledge.risk().adjustmentFor(3)).hasValueSatisfying(a -> assertThat(a.occurrenceCap()).isEqualTo(3));
        assertThat(knowledge.risk().adjustmentFor(4)).isEmpty();
        assertThat(knowledge.version()).startsWith(SmeKnowledge.DECLARED_VERSION + "+");
    }

    @Test
    void theScoringThresholdsAreTheDocumentedOnes() {
        Scoring scoring = knowledge.risk().scoring();

        assertThat(scoring.level(4, 5, 2)).isEqualTo(RiskLevel.HIGH);
        assertThat(scoring.level(5, 3, 1)).isEqualTo(RiskLevel.HIGH);
        assertThat(scoring.level(5, 2, 3)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(scoring.level(4, 2, 2)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(scoring.level(3, 2, 2)).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void codeThatNamesAMissingFactorOrControlFailsAtOnce() {
        assertThatThrownBy(() -> knowledge.factor("no-such-factor")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("no-such-factor");
        assertThatThrownBy(() -> knowledge.control("P11-99")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("P11-99");
    }
}
