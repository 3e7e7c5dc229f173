package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;

/** Prints the per-example overview table (in the surefire output file) and checks its extremes. */
class ExampleOverviewTest {

    @Test
    void customSystemsAreHighRiskAndNoneIsLow() throws Exception {
        SmeAgent agent = SmeAgent.load();
        StringBuilder table = new StringBuilder("| URS | Category | Requirements | HIGH | MEDIUM | LOW | Mean O | Gaps (H/M/L) | Overall |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
        List<RiskLevel> customOverall = new ArrayList<>();
        for (Examples.Example example : Examples.all()) {
            SmeAssessment assessment = agent.analyse(example.request());
            table.append("| ").append(example.id()).append(" | ").append(example.category())
                .append(" | ").append(assessment.getRisks().size())
                .append(" | ").append(levels(assessment, RiskLevel.HIGH))
                .append(" | ").append(levels(assessment, RiskLevel.MEDIUM))
                .append(" | ").append(levels(assessment, RiskLevel.LOW))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f",
                    assessment.getRisks().stream().mapToInt(RequirementRisk::getOccurrence).average().orElseThrow()))
                .append(" | ").append(assessment.getGaps().size()).append(" (").append(gaps(assessment, RiskLevel.HIGH)).append('/')
                .append(gaps(assessment, RiskLevel.MEDIUM)).append('/').append(gaps(assessment, RiskLevel.LOW)).append(')')
                .append(" | ").append(assessment.getOverallRiskLevel()).append(" |\n");
            if (example.category() == 5) {
                customOverall.add(assessment.getOverallRiskLevel());
            }
            assertThat(assessment.getOverallRiskLevel()).as(example.id()).isNotEqualTo(RiskLevel.LOW);
        }
        System.out.println(table);

        assertThat(customOverall).hasSize(6).containsOnly(RiskLevel.HIGH);
    }

    private static long levels(SmeAssessment assessment, RiskLevel level) {
        return assessment.getRisks().stream().filter(r -> r.getRiskLevel() == level).count();
    }

    private static long gaps(SmeAssessment assessment, RiskLevel severity) {
        return assessment.getGaps().stream().filter(g -> g.getSeverityLevel() == severity).count();
    }
}
