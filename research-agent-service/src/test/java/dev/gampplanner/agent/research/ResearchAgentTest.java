package dev.gampplanner.agent.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.GuidanceStatus;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.codec.AvroCodec;

class ResearchAgentTest {

    private static final ResearchKnowledge KNOWLEDGE = ResearchKnowledge.load();
    private static final ResearchAgent AGENT = new ResearchAgent(KNOWLEDGE);
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?");
    private static final Set<String> AI_GUIDANCE =
        Set.of("FDA-AI-DRUG-DRAFT-2025", "EU-GMP-ANNEX22-DRAFT-2025", "ISPE-GAMP-AI-2025", "EMA-AI-RP-2024");

    /** Every example under every category its manifest accepts (3/4 is planned both ways). */
    static Stream<Arguments> examples() {
        return Examples.all().stream().flatMap(e -> e.categories().stream().map(c -> Arguments.of(e.id(), c)));
    }

    private static ResearchFindings analyse(String id, int category) {
        try {
            return AGENT.analyse(Examples.request(id, category));
        } catch (AgentException e) {
            throw new AssertionError(id + " could not be analysed: " + e.getMessage(), e);
        }
    }

    private static List<String> ids(ResearchFindings findings) {
        return findings.getItems().stream().map(GuidanceFinding::getId).toList();
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("examples")
    void everyExampleGetsBetweenFiveAndTwelveDistinctDatedItemsMostRelevantFirst(String id, int category) {
        ResearchFindings findings = analyse(id, category);
        List<GuidanceFinding> items = findings.getItems();

        assertThat(findings.getCategory()).isEqualTo(category);
        assertThat(items).hasSizeBetween(GuidanceRanker.MIN_ITEMS, GuidanceRanker.MAX_ITEMS);
        assertThat(ids(findings)).doesNotHaveDuplicates();
        assertThat(items.get(0).getRelevance()).isEqualTo(1.0);
        assertThat(items).extracting(GuidanceFinding::getRelevance).isSortedAccordingTo((a, b) -> Double.compare(b, a))
            .allSatisfy(r -> assertThat(r).isGreaterThan(0.0).isLessThanOrEqualTo(1.0));
        for (int i = 1; i < items.size(); i++) {
            GuidanceFinding before = items.get(i - 1);
            GuidanceFinding after = items.get(i);
            if (before.getRelevance() == after.getRelevance()) {
                assertThat(before.getPublished()).as("newest first among equal relevance").isGreaterThanOrEqualTo(after.getPublished());
            }
        }
        assertThat(items).allSatisfy(item -> {
            assertThat(item.getPublished()).as(item.getId()).matches(ISO_DATE);
            assertThat(item.getGuidanceStatus()).isNotNull();
            assertThat(item.getKeyPoints()).isNotEmpty();
            assertThat(item.getTestingImplications()).isNotBlank();
            assertThat(item.getWhyItMatters()).isNotBlank();
            assertThat(decimals(item.getRelevance())).as("rounded to 4 decimals").isLessThanOrEqualTo(4);
        });
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("examples")
    void supersededItemsAreFlaggedAndNeverOutrankTheirListedSuccessors(String id, int category) {
        List<GuidanceFinding> items = analyse(id, category).getItems();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            position.put(items.get(i).getId(), i);
        }
        for (GuidanceFinding item : items) {
            assertThat(item.getSupersededBy() != null).as(item.getId()).isEqualTo(item.getGuidanceStatus() == GuidanceStatus.SUPERSEDED);
            if (item.getSupersededBy() != null) {
                assertThat(position).as(item.getId() + " is listed without its successor").containsKey(item.getSupersededBy());
                GuidanceFinding successor = items.get(position.get(item.getSupersededBy()));
                assertThat(position.get(successor.getId())).isLessThan(position.get(item.getId()));
                assertThat(successor.getRelevance()).isGreaterThan(item.getRelevance());
                assertThat(item.getWhyItMatters()).contains("Superseded by " + successor.getId());
            }
        }
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("examples")
    void whyItMattersNamesTheSystemAndTheRequirementsThatMadeTheItemRelevant(String id, int category) {
        String urs = Examples.read(id);
        ResearchFindings findings = analyse(id, category);
        String title = UrsParser.parse(urs).title();
        Set<String> requirementIds = UrsParser.parse(urs).requirements().stream().map(UrsRequirement::id).collect(Collectors.toSet());
        Set<String> shownKinds = new HashSet<>(findings.getRequirementKinds());
        for (GuidanceFinding finding : findings.getItems()) {
            GuidanceCatalog.Item item = KNOWLEDGE.item(finding.getId());
            String why = finding.getWhyItMatters();
            assertThat(why).as(finding.getId()).contains(title);
            boolean kindContributed = item.appliesTo().requirementKinds().stream().anyMatch(shownKinds::contains);
            if (kindContributed) {
                assertThat(requirementIds).as(finding.getId() + ": " + why).anyMatch(why::contains);
            }
            if (finding.getGuidanceStatus() == GuidanceStatus.DRAFT) {
                assertThat(why).as(finding.getId()).contains("draft");
            }
            // The item's own words, not a sentence every item shares.
            assertThat(item.keyPoints()).as(finding.getId()).anyMatch(why::contains);
        }
        assertThat(findings.getItems()).extracting(GuidanceFinding::getWhyItMatters).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("examples")
    void itemsAboutATopicOnlyReachSystemsThatShowIt(String id, int category) {
        ResearchFindings findings = analyse(id, category);
        Set<String> shown = new HashSet<>(findings.getRequirementKinds());
        shown.addAll(findings.getSystemTypes());
        for (GuidanceFinding finding : findings.getItems()) {
            GuidanceCatalog.Item item = KNOWLEDGE.item(finding.getId());
            List<String> topics = KNOWLEDGE.topicsOf(item);
            if (!topics.isEmpty()) {
                assertThat(topics).as(finding.getId() + " needs one of its topics in " + shown).anyMatch(shown::contains);
            }
            assertThat(item.appliesTo().categories()).as(finding.getId()).contains(category);
        }
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("examples")
    void theSameRequestGivesTheSameBytesOnAnyAgentInstance(String id, int category) throws AgentException {
        AgentRequest request = Examples.request(id, category);
        byte[] first = AvroCodec.encode(AGENT.analyse(request));
        byte[] again = AvroCodec.encode(AGENT.analyse(request));
        byte[] fresh = AvroCodec.encode(ResearchAgent.load().analyse(Examples.request(id, category)));
        assertThat(again).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
    }

    @Test
    void oneInstanceAnswersConcurrentRequestsAsItAnswersThemOneByOne() throws Exception {
        List<AgentRequest> requests = examples().map(a -> Examples.request((String) a.get()[0], (Integer) a.get()[1])).toList();
        Map<AgentRequest, byte[]> sequential = new LinkedHashMap<>();
        for (AgentRequest request : requests) {
            sequential.put(request, AvroCodec.encode(AGENT.analyse(request)));
        }
        List<Callable<byte[]>> tasks = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            requests.forEach(r -> tasks.add(() -> AvroCodec.encode(AGENT.analyse(r))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(sequential.get(requests.get(i % requests.size())));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePayloadDependsOnTheUrsAndCategoryNotOnTheEnvelope() throws AgentException {
        String urs = Examples.read("URS-002");
        AgentRequest one = Examples.request("URS-002.md", urs, 4);
        AgentRequest other = AgentRequest.newBuilder()
            .setCorrelationId("another-plan")
            .setAgent(AgentKind.RESEARCH)
            .setSource("elsewhere/lims.md")
            .setUrs(urs)
            .setGampCategory(4)
            .setRequestedAt(one.getRequestedAt().plusSeconds(3600))
            .setDeadline(one.getDeadline().plusSeconds(3600))
            .setPlanRequestSha256("f".repeat(64))
            .build();
        assertThat(AvroCodec.encode(AGENT.analyse(other))).isEqualTo(AvroCodec.encode(AGENT.analyse(one)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"URS-015", "URS-005"})
    void aCustomSystemWithMachineLearningGetsTheAiGuidance(String id) {
        ResearchFindings findings = analyse(id, 5);
        assertThat(findings.getRequirementKinds()).contains("ai-ml");
        if (id.equals("URS-015")) {
            assertThat(ids(findings)).contains("FDA-AI-DRUG-DRAFT-2025", "ISPE-GAMP-AI-2025");
            GuidanceFinding fdaDraft = finding(findings, "FDA-AI-DRUG-DRAFT-2025");
            assertThat(fdaDraft.getGuidanceStatus()).isEqualTo(GuidanceStatus.DRAFT);
            assertThat(fdaDraft.getWhyItMatters()).contains("draft", "AI/ML functions", "URS-PAT-026");
            assertThat(finding(findings, "ISPE-GAMP-AI-2025").getRelevance()).isGreaterThan(fdaDraft.getRelevance());
        } else {
            // A clinical system's machine learning brings in the AI guidance written for clinical use.
            assertThat(ids(findings)).contains("EMA-AI-RP-2024");
        }
    }

    @ParameterizedTest(name = "{0} as Category {1}")
    @MethodSource("clinicalExamples")
    void aClinicalSystemGetsGcpAndTheFdaClinicalElectronicRecordsGuidance(String id, int category) {
        ResearchFindings findings = analyse(id, category);
        assertThat(ids(findings)).contains("ICH-E6R3-2025", "FDA-ESIG-CLIN-QA-2024");
        assertThat(ids(findings)).doesNotContain("ICH-E6R2-2016", "FDA-CSUCI-2007");
        assertThat(finding(findings, "ICH-E6R3-2025").getWhyItMatters()).containsPattern("URS-0\\d\\d-\\d{3}|URS-CTMS-\\d{3}");
    }

    static Stream<Arguments> clinicalExamples() {
        return Stream.of(Arguments.of("URS-005", 4), Arguments.of("URS-005", 5), Arguments.of("URS-019", 4),
            Arguments.of("URS-019", 5));
    }

    @Test
    void aSerializationSystemGetsDscsaAndTheEuFalsifiedMedicinesRegulationFirst() {
        ResearchFindings findings = analyse("URS-024", 4);
        assertThat(ids(findings).subList(0, 2)).containsExactly("FDA-DSCSA-EDDS-2023", "EU-FMD-DR-2016-161");
        assertThat(finding(findings, "FDA-DSCSA-EDDS-2023").getWhyItMatters()).contains("URS-024-007 cites it by name (DSCSA)");
        assertThat(finding(findings, "EU-FMD-DR-2016-161").getWhyItMatters()).contains("URS-024-007 cites it by name (EU FMD)");
    }

    @Test
    void aCategory3EnvironmentalMonitoringSystemGetsCsaAndPart11ButNoAiGuidance() {
        ResearchFindings findings = analyse("URS-001", 3);
        assertThat(findings.getSystemTypes()).containsExactly("ems");
        assertThat(ids(findings)).contains("FDA-CSA-2025", "CFR-21-PART11", "FDA-PART11-SCOPE-2003")
            .doesNotContainAnyElementsOf(AI_GUIDANCE)
            .doesNotContain("FDA-CSA-DRAFT-2022");
        assertThat(finding(findings, "CFR-21-PART11").getWhyItMatters()).contains("URS-EMS-008 cites it by name (Part 11)");
        GuidanceFinding csa = finding(findings, "FDA-CSA-2025");
        assertThat(csa.getPublished()).isEqualTo("2025-09-24");
        assertThat(csa.getUrl()).startsWith("https://www.fda.gov/");
        assertThat(csa.getWhyItMatters()).contains("device guidance", "by analogy", "Environmental Monitoring System (EMS)",
            "supplier-provided functions", "URS-EMS-003");
    }

    @Test
    void systemsWithoutAiClinicalOrSerializationNeedsGetNoneOfThatGuidance() {
        ResearchFindings lims = analyse("URS-002", 4);
        assertThat(ids(lims)).doesNotContainAnyElementsOf(AI_GUIDANCE)
            .doesNotContain("ICH-E6R3-2025", "FDA-ESIG-CLIN-QA-2024", "EMA-CSED-CT-2023", "FDA-DSCSA-EDDS-2023", "EU-FMD-DR-2016-161");
    }

    @Test
    void aWithdrawnEditionIsNeverCitedItsSuccessorIs() {
        ResearchFindings findings = analyse("URS-002", 4);
        assertThat(ids(findings)).contains("ISPE-GAMP5-2ED-2022").doesNotContain("ISPE-GAMP5-2008");
        assertThat(findings.getItems()).extracting(GuidanceFinding::getStatus).doesNotContain("SUPERSEDED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyPlanCitesAnnex11TheRiskGuidelineGamp5AndTheCsaVersionItReliesOn(String id, int category) {
        List<String> ids = ids(analyse(id, category));
        assertThat(ids).contains("EU-GMP-ANNEX11-2011", "ICH-Q9R1-2023", "ISPE-GAMP5-2ED-2022");
        if (category >= 3) {
            assertThat(ids).contains("FDA-CSA-2025");
        }
    }

    @Test
    void aUrsWithoutRequirementIdsIsResearchedOnItsShallStatements() throws AgentException {
        String urs = """
            # Warehouse Management System
            ## 1. Functional
            The system shall print serial numbers and exchange EPCIS events with trading partners.
            The system shall keep an audit trail of every pallet movement.
            ## 2. Regulatory
            Records shall be retained for six years as DSCSA requires.
            """;
        ResearchFindings findings = AGENT.analyse(Examples.request("wms.md", urs, 4));
        assertThat(findings.getSystemTypes()).startsWith("wms");
        assertThat(ids(findings)).contains("FDA-DSCSA-EDDS-2023");
        assertThat(finding(findings, "FDA-DSCSA-EDDS-2023").getWhyItMatters()).contains("2.1 cites it by name (DSCSA)");
    }

    @Test
    void refusesOnlyInputItCannotResearch() {
        assertFails(Examples.request("URS-001", 2), AgentErrorCode.INVALID_CATEGORY);
        assertFails(Examples.request("blank.md", "  \n ", 3), AgentErrorCode.EMPTY_URS);
        assertFails(Examples.request("notes.md", "Remember to order coffee for the Friday meeting.", 3), AgentErrorCode.NOTHING_TO_RESEARCH);
    }

    private static void assertFails(AgentRequest request, AgentErrorCode code) {
        assertThatThrownBy(() -> AGENT.analyse(request))
            .isInstanceOfSatisfying(AgentException.class, e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.retryable()).isFalse();
            });
    }

    @Test
    void describesItself() {
        assertThat(AGENT.kind()).isEqualTo(AgentKind.RESEARCH);
        assertThat(AGENT.identity().version()).isEqualTo(ResearchAgent.VERSION);
        assertThat(AGENT.identity().knowledgeBaseVersion()).matches("research-kb-2026\\.11\\+[0-9a-f]{12}");
    }

    /** The top five items per example, for the record of what the agent answers. */
    @Test
    void printsTheTopFiveItemsOfEveryExample() {
        StringBuilder table = new StringBuilder("| URS | Cat | System types | Top 5 guidance items |\n|---|---|---|---|\n");
        for (Examples.Example example : Examples.all()) {
            for (int category : example.categories()) {
                ResearchFindings findings = analyse(example.id(), category);
                table.append("| ").append(example.id()).append(" | ").append(category).append(" | ")
                    .append(String.join(", ", findings.getSystemTypes())).append(" | ")
                    .append(findings.getItems().stream().limit(5).map(f -> f.getId() + " (" + f.getRelevance() + ")")
                        .collect(Collectors.joining(", ")))
                    .append(" |\n");
            }
        }
        System.out.print(table);
        assertThat(table).contains("URS-025");
    }

    private static GuidanceFinding finding(ResearchFindings findings, String id) {
        Map<String, GuidanceFinding> byId = findings.getItems().stream()
            .collect(Collectors.toMap(GuidanceFinding::getId, Function.identity()));
        assertThat(byId).containsKey(id);
        return byId.get(id);
    }

    private static int decimals(double value) {
        return Math.max(0, new BigDecimal(Double.toString(value)).stripTrailingZeros().scale());
    }
}
