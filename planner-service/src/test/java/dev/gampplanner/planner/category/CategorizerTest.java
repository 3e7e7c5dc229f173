package dev.gampplanner.planner.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.schema.CategoryDecision;
import dev.gampplanner.schema.CategorySource;

class CategorizerTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "urs");
    private static final Categorizer CATEGORIZER = new Categorizer(PlannerKnowledge.load().categorization());

    private record Expected(String id, List<Integer> acceptable) {
    }

    private static List<Expected> manifest() throws IOException {
        List<Expected> expected = new ArrayList<>();
        for (String line : Files.readAllLines(EXAMPLES.resolve("manifest.csv")).subList(1, 26)) {
            String[] cells = line.split(",", 3);
            expected.add(new Expected(cells[0], Arrays.stream(cells[1].split("/")).map(Integer::valueOf).toList()));
        }
        return expected;
    }

    @Test
    void categorisesAtLeast23Of25ExamplesFromTheirBodyAlone() throws IOException {
        int right = 0;
        StringBuilder report = new StringBuilder();
        for (Expected expected : manifest()) {
            CategoryDecision decision = CATEGORIZER.determine(UrsParser.parse(Files.readString(EXAMPLES.resolve(expected.id() + ".md"))));
            boolean ok = expected.acceptable().contains(decision.getCategory());
            right += ok ? 1 : 0;
            report.append(String.format("%s expected %s got %d conf %.2f review %s%n", expected.id(), expected.acceptable(),
                decision.getCategory(), decision.getConfidence(), decision.getReviewRequired()));
            assertThat(decision.getEvidence()).as(expected.id()).isNotEmpty();
            assertThat(decision.getSource()).isEqualTo(CategorySource.DETERMINED);
        }
        System.out.print(report);
        assertThat(right).as(report.toString()).isGreaterThanOrEqualTo(23);
    }

    @Test
    void ignoresTheDocumentsOwnLabel() throws IOException {
        String urs = Files.readString(EXAMPLES.resolve("URS-001.md"));
        String mislabelled = urs.replace("**GAMP Category**: (Standard Software)", "**GAMP Category**: 5 (Custom Application)");
        assertThat(CATEGORIZER.determine(UrsParser.parse(mislabelled)).getCategory()).isEqualTo(3);
    }

    @Test
    void evidencePointsAtTheLinesThatDecided() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("URS-003.md"));
        CategoryDecision decision = CATEGORIZER.determine(UrsParser.parse(String.join("\n", lines)));
        assertThat(decision.getCategory()).isEqualTo(5);
        decision.getEvidence().forEach(e -> assertThat(lines.get(e.getLine() - 1).toLowerCase())
            .contains(e.getPhrase().replace("...", "").strip().toLowerCase().split(" ")[0]));
    }

    @Test
    void customWorkInsideTheVendorsToolsCountsAsConfiguration() {
        String urs = "# Lab system\n## 1. Functional\n"
            + "- R-1: Implement custom calculations using the vendor's formula editor.\n"
            + "- R-2: Develop custom reports using the vendor's report designer.\n"
            + "- R-3: Configure workflows for sample login.\n";
        assertThat(CATEGORIZER.determine(UrsParser.parse(urs)).getCategory()).isEqualTo(4);
    }

    @Test
    void aUrsWithoutAnySignalIsFlaggedNotSilentlyDefaulted() {
        CategoryDecision decision = CATEGORIZER.determine(UrsParser.parse("# Thing\n## Needs\n- R-1: It shall be blue.\n"));
        assertThat(decision.getReviewRequired()).isTrue();
        assertThat(decision.getReviewReason()).contains("Category 5");
    }

    @Test
    void aSubmittedCategoryThatTheUrsContradictsAsksForReview() throws IOException {
        var urs = UrsParser.parse(Files.readString(EXAMPLES.resolve("URS-015.md")));
        CategoryDecision decision = CATEGORIZER.confirm(urs, GampCategory.NON_CONFIGURED);
        assertThat(decision.getCategory()).isEqualTo(3);
        assertThat(decision.getSource()).isEqualTo(CategorySource.SUBMITTED);
        assertThat(decision.getReviewRequired()).isTrue();
        assertThat(decision.getReviewReason()).contains("reads as Category 5");
        assertThat(CATEGORIZER.confirm(urs, GampCategory.CUSTOM).getReviewRequired()).isFalse();
    }
}
