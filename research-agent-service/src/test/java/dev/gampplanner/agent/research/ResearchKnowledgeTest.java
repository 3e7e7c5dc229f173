package dev.gampplanner.agent.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.text.TermMatcher;
import dev.gampplanner.domain.urs.UrsParser;

class ResearchKnowledgeTest {

    private static final ResearchKnowledge KNOWLEDGE = ResearchKnowledge.load();

    @Test
    void loadsAllGuidanceWithTheVocabularyForEveryTagItUses() {
        assertThat(KNOWLEDGE.items()).hasSize(38);
        assertThat(KNOWLEDGE.version()).startsWith("research-kb-" + ResearchKnowledge.DECLARED_VERSION + "+");
        Set<String> types = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        KNOWLEDGE.items().forEach(item -> {
            types.addAll(item.appliesTo().systemTypes());
            kinds.addAll(item.appliesTo().requirementKinds());
        });
        types.remove(GuidanceCatalog.ANY_SYSTEM);
        assertThat(KNOWLEDGE.vocabulary().systemTypes()).containsKeys(types.toArray(String[]::new));
        assertThat(KNOWLEDGE.vocabulary().requirementKinds()).containsOnlyKeys(kinds);
    }

    @Test
    void everyTagOfTheVocabularyIsShownByAtLeastOneExample() {
        ProfileDetector detector = new ProfileDetector(KNOWLEDGE);
        Set<String> types = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (Examples.Example example : Examples.all()) {
            UrsProfile profile = detector.detect(UrsParser.parse(example.urs()), GampCategory.CONFIGURED);
            profile.systemTypes().forEach(t -> types.add(t.tag()));
            profile.requirementKinds().forEach(k -> kinds.add(k.tag()));
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(KNOWLEDGE.vocabulary().systemTypes().keySet());
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(KNOWLEDGE.vocabulary().requirementKinds().keySet());
    }

    @Test
    void anItemIsAboutTheTopicsItsTitleNames() {
        Map<String, List<String>> topical = new LinkedHashMap<>();
        KNOWLEDGE.items().stream().filter(i -> !KNOWLEDGE.topicsOf(i).isEmpty())
            .forEach(i -> topical.put(i.id(), KNOWLEDGE.topicsOf(i)));
        assertThat(topical).containsOnly(
            Map.entry("FDA-CSUCI-2007", List.of("clinical")),
            Map.entry("FDA-ESIG-CLIN-QA-DRAFT-2023", List.of("clinical")),
            Map.entry("FDA-ESIG-CLIN-QA-2024", List.of("clinical")),
            Map.entry("FDA-AI-DRUG-DRAFT-2025", List.of("ai-ml")),
            Map.entry("FDA-DSCSA-EDDS-2023", List.of("serialization")),
            Map.entry("FDA-PAT-2004", List.of("pat")),
            Map.entry("EU-GMP-ANNEX22-DRAFT-2025", List.of("ai-ml")),
            Map.entry("EU-FMD-DR-2016-161", List.of("serialization")),
            Map.entry("EMA-CSED-CT-2023", List.of("clinical")),
            Map.entry("EMA-AI-RP-2024", List.of("ai-ml")),
            Map.entry("ICH-E6R2-2016", List.of("clinical")),
            Map.entry("ICH-E6R3-2025", List.of("clinical")),
            Map.entry("ISPE-GAMP-AI-2025", List.of("ai-ml")));
    }

    @Test
    void refusesGuidanceTaggedWithWhatTheVocabularyCannotRecognise() {
        Map<String, Vocabulary.SystemType> types = new LinkedHashMap<>(KNOWLEDGE.vocabulary().systemTypes());
        types.remove("ems");
        Vocabulary vocabulary = vocabulary(types, KNOWLEDGE.vocabulary().citations());
        assertThatThrownBy(() -> new ResearchKnowledge("test", catalog(KNOWLEDGE.items()), vocabulary))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("FDA-DI-QA-2018 names system type ems");
    }

    @Test
    void refusesABrokenSuccession() {
        List<GuidanceCatalog.Item> items = new ArrayList<>();
        for (GuidanceCatalog.Item item : KNOWLEDGE.items()) {
            items.add(item.id().equals("ICH-Q9-2005") ? withSuccessor(item, null) : item);
        }
        assertThatThrownBy(() -> new ResearchKnowledge("test", catalog(items), KNOWLEDGE.vocabulary()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ICH-Q9-2005 is SUPERSEDED but supersededBy is null")
            .hasMessageContaining("ICH-Q9R1-2023 supersedes ICH-Q9-2005, which does not name it as its successor");
    }

    @Test
    void refusesCitationsOfASupersededVersion() {
        Map<String, List<String>> citations = new LinkedHashMap<>(KNOWLEDGE.vocabulary().citations());
        citations.put("ICH-E6R2-2016", List.of("E6(R2)"));
        Vocabulary vocabulary = vocabulary(KNOWLEDGE.vocabulary().systemTypes(), citations);
        assertThatThrownBy(() -> new ResearchKnowledge("test", catalog(KNOWLEDGE.items()), vocabulary))
            .hasMessageContaining("citations for ICH-E6R2-2016, which is superseded");
    }

    @Test
    void acronymsMustStandAsWholeWordsWhileOtherTermsMatchWordStarts() {
        Terms mes = new Terms(List.of("MES"));
        assertThat(mes.anyIn(TermMatcher.prepare("integrate with mes/erp via apis"))).isTrue();
        assertThat(mes.anyIn(TermMatcher.prepare("proprietary message queuing"))).isFalse();
        Terms archive = new Terms(List.of("archiv"));
        assertThat(archive.anyIn(TermMatcher.prepare("archiving of batch data"))).isTrue();
        assertThat(archive.anyIn(TermMatcher.prepare("unarchived copies"))).isFalse();
        assertThat(Terms.isAcronym("S/4HANA")).isTrue();
        assertThat(Terms.isAcronym("eTMF")).isFalse();
        assertThat(new Terms(List.of("21 CFR", "CFR")).firstIn(TermMatcher.prepare("audit trail per 21 cfr part 11"))).contains("21 CFR");
    }

    private static GuidanceCatalog catalog(List<GuidanceCatalog.Item> items) {
        return new GuidanceCatalog(ResearchKnowledge.DECLARED_VERSION, items);
    }

    private static Vocabulary vocabulary(Map<String, Vocabulary.SystemType> types, Map<String, List<String>> citations) {
        Vocabulary v = KNOWLEDGE.vocabulary();
        return new Vocabulary(v.version(), types, v.requirementKinds(), v.categoryFocus(), citations, v.jurisdictions());
    }

    private static GuidanceCatalog.Item withSuccessor(GuidanceCatalog.Item i, String successor) {
        return new GuidanceCatalog.Item(i.id(), i.title(), i.issuer(), i.documentType(), i.published(), i.status(),
            i.supersedes(), successor, i.jurisdiction(), i.url(), i.scope(), i.keyPoints(), i.appliesTo(),
            i.testingImplications(), i.baseline(), i.scopeNote());
    }
}
