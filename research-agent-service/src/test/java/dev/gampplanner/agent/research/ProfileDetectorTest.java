package dev.gampplanner.agent.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsParser;

class ProfileDetectorTest {

    private static final ProfileDetector DETECTOR = new ProfileDetector(ResearchKnowledge.load());

    private static UrsProfile profile(String markdown) {
        return DETECTOR.detect(UrsParser.parse(markdown), GampCategory.CONFIGURED);
    }

    private static UrsProfile example(String id) {
        return profile(Examples.read(id));
    }

    private static List<String> types(UrsProfile profile) {
        return profile.systemTypes().stream().map(UrsProfile.SystemTypeMatch::tag).toList();
    }

    private static List<String> kinds(UrsProfile profile) {
        return profile.requirementKinds().stream().map(UrsProfile.KindMatch::tag).toList();
    }

    @ParameterizedTest(name = "{0} is first of all a {1} system")
    @CsvSource({
        "URS-001, ems", "URS-002, lims", "URS-003, mes", "URS-004, cds", "URS-005, ctms", "URS-006, inventory",
        "URS-007, ems", "URS-008, document-management", "URS-010, erp", "URS-011, qms", "URS-012, wms",
        "URS-013, dcs", "URS-014, batch-release", "URS-015, pat", "URS-016, submission", "URS-017, supply-chain",
        "URS-018, scheduling", "URS-019, etmf", "URS-020, spc", "URS-021, document-management", "URS-022, qms",
        "URS-023, stability", "URS-024, serialization", "URS-025, batch-release"})
    void recognisesTheSystemEachExampleSpecifies(String id, String type) {
        UrsProfile profile = example(id);
        assertThat(types(profile)).as(id).first().isEqualTo(type);
        assertThat(profile.systemTypes().get(0).evidence()).isEqualTo(UrsProfile.Evidence.NAMED);
    }

    @Test
    void aSystemNamedOnlyInInterfaceRequirementsIsAPartnerNotTheSystem() {
        // The CDS exports to a LIMS, the ERP feeds MES and QMS, the MES talks to a WMS and PAT systems.
        assertThat(types(example("URS-004"))).containsExactly("cds");
        assertThat(types(example("URS-010"))).containsExactly("erp");
        assertThat(types(example("URS-003"))).containsExactly("mes");
        // The lab integration names LIMS and Empower only as endpoints, so no type is claimed for it.
        assertThat(types(example("URS-009"))).isEmpty();
    }

    @Test
    void aTypeTheRequirementsKeepReturningToCountsWithLessWeight() {
        UrsProfile wms = example("URS-012");
        assertThat(wms.systemType("serialization")).get().extracting(UrsProfile.SystemTypeMatch::evidence)
            .isEqualTo(UrsProfile.Evidence.DESCRIBED);
        assertThat(wms.systemType("inventory")).get().satisfies(t -> {
            assertThat(t.evidence()).isEqualTo(UrsProfile.Evidence.REQUIREMENTS);
            assertThat(t.requirementIds()).contains("URS-WMS-006", "URS-WMS-008");
        });
        assertThat(example("URS-015").systemType("ai-ml")).get().satisfies(t ->
            assertThat(t.requirementIds()).containsExactly("URS-PAT-006", "URS-PAT-026", "URS-PAT-032"));
    }

    @Test
    void requirementKindsCarryTheRequirementsThatShowThemMostFrequentFirst() {
        UrsProfile ems = example("URS-001");
        assertThat(ems.requirementKind("audit-trail")).get().extracting(UrsProfile.KindMatch::requirementIds)
            .isEqualTo(List.of("URS-EMS-008"));
        assertThat(ems.requirementKind("e-signature")).get().extracting(UrsProfile.KindMatch::requirementIds)
            .isEqualTo(List.of("URS-EMS-009"));
        assertThat(ems.requirementKind("records-retention")).get().extracting(UrsProfile.KindMatch::requirementIds)
            .isEqualTo(List.of("URS-EMS-010"));
        // Every requirement under the Integration heading is about interfaces, whatever its wording.
        assertThat(ems.requirementKind("interfaces")).get().extracting(UrsProfile.KindMatch::requirementIds)
            .isEqualTo(List.of("URS-EMS-014", "URS-EMS-015"));
        assertThat(ems.requirementKinds()).extracting(UrsProfile.KindMatch::count).isSortedAccordingTo((a, b) -> b - a);
        assertThat(kinds(ems)).first().isEqualTo("supplier");
    }

    @Test
    void termsDoNotFireOnLookAlikeWords() {
        UrsProfile profile = profile("""
            # Message and Pattern Reporting Tool
            ## 2. Functional Requirements
            - **R-1**: Send reports to the competent authorities of each market.
            - **R-2**: Route samples to instruments based on instrument availability rules.
            - **R-3**: Provide a clear user interface and a pathway view.
            """);
        // "authorities" is not authorisation, "availability rules" are not an availability target,
        // a user interface is not an interface to another system; "Message" is not MES, "Pattern" not PAT.
        assertThat(kinds(profile)).doesNotContain("access-control", "performance", "interfaces");
        assertThat(types(profile)).isEmpty();
    }

    @Test
    void citationsAndJurisdictionsComeWithTheRequirementsThatMakeThem() {
        UrsProfile serialization = example("URS-024");
        assertThat(serialization.citation("FDA-DSCSA-EDDS-2023")).get().satisfies(c -> {
            assertThat(c.terms()).containsExactly("DSCSA");
            assertThat(c.requirementIds()).containsExactly("URS-024-007");
        });
        assertThat(serialization.citation("EU-FMD-DR-2016-161")).get().extracting(UrsProfile.Citation::terms)
            .isEqualTo(List.of("EU FMD"));
        assertThat(serialization.jurisdictions()).extracting(UrsProfile.JurisdictionMatch::code).containsExactly("US", "EU");

        UrsProfile ctms = example("URS-005");
        assertThat(ctms.jurisdiction("US")).get().satisfies(j -> {
            assertThat(j.terms()).containsExactly("21 CFR", "HIPAA");
            assertThat(j.requirementIds()).containsExactly("URS-CTMS-015", "URS-CTMS-017");
        });
        assertThat(example("URS-001").citation("CFR-21-PART11")).get().extracting(UrsProfile.Citation::requirementIds)
            .isEqualTo(List.of("URS-EMS-008"));
    }
}
