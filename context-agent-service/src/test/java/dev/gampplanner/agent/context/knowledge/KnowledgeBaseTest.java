package dev.gampplanner.agent.context.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {

    private final KnowledgeBase knowledge = KnowledgeBase.load();

    @Test
    void loadsEveryPassageOfEveryFileUnderAUniqueId() {
        Map<String, Long> perSource = knowledge.passages().stream()
            .collect(Collectors.groupingBy(Passage::source, Collectors.counting()));

        assertThat(perSource).containsOnly(
            Map.entry("21 CFR Part 11", 45L),
            Map.entry("EU GMP Annex 11: Computerised Systems", 33L),
            Map.entry("ALCOA+ data-integrity principles", 10L),
            Map.entry("GAMP 5: A Risk-Based Approach to Compliant GxP Computerized Systems (Second Edition)", 23L),
            Map.entry("FDA Guidance for Industry: Part 11 Scope and Application (2003)", 10L));
        assertThat(knowledge.passages()).extracting(Passage::id).doesNotHaveDuplicates();
        assertThat(knowledge.passages()).allSatisfy(passage -> {
            assertThat(passage.text()).isNotBlank();
            assertThat(passage.title()).isNotBlank();
            assertThat(passage.citation()).isNotBlank();
        });
    }

    @Test
    void yamlPassagesKeepTheirClauseAsCitationAndTheirKeywords() {
        Passage auditTrails = byId().get("21CFR11.10(e)");

        assertThat(auditTrails.citation()).isEqualTo("§11.10(e)");
        assertThat(auditTrails.title()).isEqualTo("Audit trails");
        assertThat(auditTrails.keywords()).contains("audit trail");
        assertThat(auditTrails.text()).startsWith("Use of secure, computer-generated, time-stamped audit trails");
    }

    @Test
    void fdaGuidanceIsIndexedByNumberedSectionWithoutCoverPagesOrPageResidue() {
        List<Passage> guidance = knowledge.passages().stream().filter(p -> p.id().startsWith("FDA-P11-GUIDANCE.")).toList();

        assertThat(guidance).extracting(Passage::id).containsExactly(
            "FDA-P11-GUIDANCE.I", "FDA-P11-GUIDANCE.II", "FDA-P11-GUIDANCE.III.A", "FDA-P11-GUIDANCE.III.B.1",
            "FDA-P11-GUIDANCE.III.B.2", "FDA-P11-GUIDANCE.III.C.1", "FDA-P11-GUIDANCE.III.C.2",
            "FDA-P11-GUIDANCE.III.C.3", "FDA-P11-GUIDANCE.III.C.4", "FDA-P11-GUIDANCE.III.C.5");
        Passage auditTrail = byId().get("FDA-P11-GUIDANCE.III.C.2");
        assertThat(auditTrail.citation()).isEqualTo("FDA Part 11 Scope & Application guidance (2003) §III.C.2");
        assertThat(auditTrail.title()).isEqualTo("Audit Trail");
        assertThat(auditTrail.text()).startsWith("The Agency intends to exercise enforcement discretion")
            .contains("Audit trails can be particularly appropriate when users are expected to create, modify, or delete");
        assertThat(byId().get("FDA-P11-GUIDANCE.I").title()).isEqualTo("Introduction");
        assertThat(guidance).allSatisfy(passage -> assertThat(passage.text())
            .doesNotContain("Contains Nonbinding Recommendations", "---", "....", "TABLE OF CONTENTS", "HFD-240"));
        // A paragraph split by a page break is joined again.
        assertThat(byId().get("FDA-P11-GUIDANCE.III.B.1").text()).contains("could... lead to unnecessary controls");
    }

    private Map<String, Passage> byId() {
        return knowledge.passages().stream().collect(Collectors.toMap(Passage::id, Function.identity()));
    }
}
