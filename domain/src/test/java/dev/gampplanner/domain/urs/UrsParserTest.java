package dev.gampplanner.domain.urs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class UrsParserTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "urs");
    /** A requirement id at the start of a list item, as the examples write them. */
    private static final Pattern LISTED_ID = Pattern.compile("(?m)^\\s*-\\s+(?:\\*\\*)?(URS-[A-Z0-9]+(?:-[A-Z0-9]+)+)(?:\\*\\*)?:");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.getFileName().toString().matches("URS-\\d+\\.md")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void findsEveryRequirementIdOfEveryExampleAndInventsNone(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Set<String> written = new TreeSet<>();
        Matcher m = LISTED_ID.matcher(text);
        while (m.find()) {
            written.add(m.group(1));
        }
        UrsDocument urs = UrsParser.parse(text);
        assertThat(urs.requirements()).extracting(UrsRequirement::id).containsExactlyInAnyOrderElementsOf(written);
        assertThat(urs.requirements()).allSatisfy(r -> {
            assertThat(r.text()).isNotBlank().doesNotContain("**");
            assertThat(r.derivedId()).isFalse();
        });
        assertThat(urs.warnings()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void neverKeepsTheDocumentsOwnCategoryLabel(Path file) throws IOException {
        UrsDocument urs = UrsParser.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(urs.analysisText()).doesNotContainIgnoringCase("GAMP Category");
        assertThat(urs.metadata().keySet()).noneMatch(k -> k.toLowerCase().contains("category"));
    }

    @Test
    void readsTitleMetadataSectionsKindsAndDetails() throws IOException {
        UrsDocument urs = UrsParser.parse(Files.readString(EXAMPLES.resolve("URS-013.md")));
        assertThat(urs.documentId()).isEqualTo("URS-013");
        assertThat(urs.title()).isEqualTo("Configured Process Control System");
        assertThat(urs.systemType()).contains("Distributed Control System with Pharma Configuration");
        assertThat(urs.sections()).extracting(UrsSection::heading)
            .containsExactly("Introduction", "Functional Requirements", "Performance Requirements",
                "Regulatory Requirements", "Integration Requirements");
        UrsRequirement dcs002 = urs.requirements().get(1);
        assertThat(dcs002.id()).isEqualTo("URS-DCS-002");
        assertThat(dcs002.kind()).isEqualTo(RequirementKind.FUNCTIONAL);
        assertThat(dcs002.line()).isEqualTo(12);
        assertThat(dcs002.details()).hasSize(4).first().isEqualTo("Reactor temperature and pressure control with cascade loops");
        assertThat(urs.requirements()).filteredOn(r -> r.id().equals("URS-DCS-022"))
            .singleElement().extracting(UrsRequirement::kind).isEqualTo(RequirementKind.REGULATORY);
    }

    @Test
    void readsTablesBoldColonsAndNumberedItems() {
        String text = String.join("\n",
            "# Lab balance",
            "## 1. Functional",
            "| ID | Requirement | Priority |",
            "|----|-------------|----------|",
            "| REQ-001 | The balance shall record weights. | High |",
            "1. **REQ-002:** The system shall print a label.",
            "* FR-1.3 - Users shall log in.",
            "  - ISA-88: a standard named in a detail line",
            "## 2. Security",
            "- SEC-01: Passwords shall expire.");
        UrsDocument urs = UrsParser.parse(text);
        assertThat(urs.requirements()).extracting(UrsRequirement::id)
            .containsExactly("REQ-001", "REQ-002", "FR-1.3", "SEC-01");
        assertThat(urs.requirements().get(0).details()).containsExactly("High");
        assertThat(urs.requirements().get(2).details()).containsExactly("ISA-88: a standard named in a detail line");
        assertThat(urs.requirements().get(3).kind()).isEqualTo(RequirementKind.SECURITY);
    }

    @Test
    void keepsTheFirstOfTwoRequirementsWithTheSameIdAndSaysSo() {
        UrsDocument urs = UrsParser.parse("## Functional\n- R-1: first\n- R-1: second\n");
        assertThat(urs.requirements()).singleElement().extracting(UrsRequirement::text).isEqualTo("first");
        assertThat(urs.warnings()).singleElement().asString().contains("R-1");
    }

    @Test
    void locatesShallStatementsWhenTheUrsNumbersNoRequirement() {
        UrsDocument urs = UrsParser.parse("# Scale\n## 2. Functional\n- The scale shall tare.\n- Nice to have: colours.\n"
            + "## 3. Regulatory\nThe system must keep an audit trail.\n");
        assertThat(urs.requirements()).extracting(UrsRequirement::id).containsExactly("2.1", "3.1");
        assertThat(urs.requirements()).allMatch(UrsRequirement::derivedId);
        assertThat(urs.warnings()).hasSize(1);
        assertThat(List.of(urs.requirements().get(1).kind())).containsExactly(RequirementKind.REGULATORY);
    }
}
