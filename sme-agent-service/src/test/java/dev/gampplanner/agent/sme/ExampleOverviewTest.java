package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.SmeAssessment;

/** Prints the per-example overview table (in the surefire output file) and checks its extremes. */
class ExampleOverviewTest {

    @Test
    void customSystemsAreHighRiskAndNoneIsLow() throws Exception {
        SmeAgent agent = SmeAgent.load();
        StringBuilder table = new StringBuilder("| URS | Category | Requirements | HIGH | MEDIUM | LOW | Mean O | Gaps (H/M/L) | Overall |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
        List<String> customOverall = new ArrayList<>();
        for (Examples.Example example : Examples.all()) {
            SmeAssessment assessment = agent.analyse(example.request());
            table.append("| ").append(example.id()).append(" | ").append(example.category())
                .append(" | ").append(assessment.getRisks().size())
                .append(" | ").append(levels(assessment, "HIGH"))
                .append(" | ").append(levels(assessment, "MEDIUM"))
                .append(" | ").append(levels(assessment, "LOW"))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f",
                    assessment.getRisks().stream().mapToInt(RequirementRisk::getOccurrence).average().orElseThrow()))
                .append(" | ").append(assessment.getGaps().size()).append(" (").append(gaps(assessment, "HIGH")).append('/')
                .append(gaps(assessment, "MEDIUM")).append('/').append(gaps(assessment, "LOW")).append(')')
                .append(" | ").append(assessment.getOverallRisk()).append(" |\n");
            if (example.category() == 5) {
                customOverall.add(assessment.getOverallRisk());
            }
            assertThat(assessment.getOverallRisk()).as(example.id()).isNotEqualTo("LOW");
        }
        System.out.println(table);

        assertThat(customOverall).hasSize(6).containsOnly("HIGH");
    }

    private static long levels(SmeAssessment assessment, String level) {
        return assessment.getRisks().stream().filter(r -> r.getLevel().equals(level)).count();
    }

    private static long gaps(SmeAssessment assessment, String severity) {
        return assessment.getGaps().stream().filter(g -> g.getSeverity().equals(severity)).count();
    }
}
