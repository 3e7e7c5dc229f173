package dev.gampplanner.agent.research;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.text.TermMatcher;
import dev.gampplanner.domain.urs.RequirementKind;
import dev.gampplanner.runtime.knowledge.KnowledgeResources;
import dev.gampplanner.schema.GuidanceStatus;

/**
 * What the research agent knows: the dated guidance and the vocabulary that ties it to URS wording.
 * Loaded and cross-checked once; immutable afterwards, so one instance serves every thread.
 */
final class ResearchKnowledge {

    static final String DECLARED_VERSION = "2026.11";
    static final String GUIDANCE = "knowledge/guidance.yaml";
    static final String VOCABULARY = "knowledge/vocabulary.yaml";
    /** The requirement kind that marks a requirement as being about another system. */
    static final String INTERFACES = "interfaces";

    private static final Logger log = LoggerFactory.getLogger(ResearchKnowledge.class);

    private final String version;
    private final GuidanceCatalog guidance;
    private final Vocabulary vocabulary;
    private final Map<String, GuidanceCatalog.Item> itemsById;
    private final Map<String, Terms> systemTypeTerms;
    private final Map<String, Terms> kindTerms;
    private final Map<String, Terms> jurisdictionTerms;
    private final Map<String, Terms> citationTerms;
    private final Map<String, List<String>> topicsByItem;

    /** Cross-checks the two files; {@link #load()} is the way in outside tests. */
    ResearchKnowledge(String version, GuidanceCatalog guidance, Vocabulary vocabulary) {
        this.version = version;
        this.guidance = guidance;
        this.vocabulary = vocabulary;
        this.itemsById = guidance.items().stream().collect(Collectors.toMap(GuidanceCatalog.Item::id, Function.identity(),
            (a, b) -> {
                throw new IllegalStateException(GUIDANCE + " has two items with id " + a.id());
            }, LinkedHashMap::new));
        this.systemTypeTerms = compile(vocabulary.systemTypes(), Vocabulary.SystemType::terms);
        this.kindTerms = compile(vocabulary.requirementKinds(), Vocabulary.Kind::terms);
        this.jurisdictionTerms = compile(vocabulary.jurisdictions(), Vocabulary.Jurisdiction::terms);
        this.citationTerms = compile(vocabulary.citations(), Function.identity());
        validate();
        this.topicsByItem = topics();
    }

    static ResearchKnowledge load() {
        KnowledgeResources files = KnowledgeResources.load(ResearchKnowledge.class, "research-kb-" + DECLARED_VERSION,
            List.of(GUIDANCE, VOCABULARY));
        return new ResearchKnowledge(files.version(),
            files.yaml(GUIDANCE, GuidanceCatalog.class), files.yaml(VOCABULARY, Vocabulary.class));
    }

    /** What an operator sees of the knowledge at start-up. */
    String summary() {
        return guidance.items().size() + " guidance items, " + vocabulary.systemTypes().size() + " system types, "
            + vocabulary.requirementKinds().size() + " requirement kinds";
    }

    String version() {
        return version;
    }

    List<GuidanceCatalog.Item> items() {
        return guidance.items();
    }

    GuidanceCatalog.Item item(String id) {
        return itemsById.get(id);
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    Terms systemTypeTerms(String tag) {
        return systemTypeTerms.get(tag);
    }

    Terms kindTerms(String tag) {
        return kindTerms.get(tag);
    }

    Terms jurisdictionTerms(String code) {
        return jurisdictionTerms.get(code);
    }

    /** Per guidance id, in vocabulary order, the words a requirement cites it by. */
    Map<String, Terms> citationTerms() {
        return citationTerms;
    }

    /**
     * The topics (requirement kinds or system types marked as such) the item's title names: it is
     * about them, not merely touching them.
     */
    List<String> topicsOf(GuidanceCatalog.Item item) {
        return topicsByItem.get(item.id());
    }

    private Map<String, List<String>> topics() {
        Map<String, List<String>> topics = new LinkedHashMap<>();
        for (GuidanceCatalog.Item item : guidance.items()) {
            TermMatcher.Prepared title = TermMatcher.prepare(item.title());
            Set<String> named = new LinkedHashSet<>();
            vocabulary.requirementKinds().forEach((tag, kind) -> {
                if (kind.topic() && kindTerms.get(tag).anyIn(title)) {
                    named.add(tag);
                }
            });
            vocabulary.systemTypes().forEach((tag, type) -> {
                if (type.topic() && systemTypeTerms.get(tag).anyIn(title)) {
                    named.add(tag);
                }
            });
            topics.put(item.id(), List.copyOf(named));
        }
        return Collections.unmodifiableMap(topics);
    }

    private static <V> Map<String, Terms> compile(Map<String, V> entries, Function<V, List<String>> terms) {
        Map<String, Terms> compiled = new LinkedHashMap<>();
        entries.forEach((tag, entry) -> compiled.put(tag, new Terms(terms.apply(entry))));
        return Collections.unmodifiableMap(compiled);
    }

    /** A knowledge file that contradicts the other fails at start-up, naming what is wrong. */
    private void validate() {
        List<String> problems = new ArrayList<>();
        for (String file : List.of(guidance.version(), vocabulary.version())) {
            if (!DECLARED_VERSION.equals(file)) {
                problems.add("a knowledge file declares version " + file + " but the agent declares " + DECLARED_VERSION);
            }
        }
        if (!vocabulary.requirementKinds().containsKey(INTERFACES)) {
            problems.add(VOCABULARY + " has no '" + INTERFACES + "' requirement kind");
        }
        Set<String> sectionKinds = Arrays.stream(RequirementKind.values()).map(RequirementKind::label).collect(Collectors.toSet());
        vocabulary.requirementKinds().forEach((tag, kind) -> kind.sections().stream()
            .filter(s -> !sectionKinds.contains(s.toLowerCase(Locale.ROOT)))
            .forEach(s -> problems.add("requirement kind " + tag + " names unknown section kind " + s)));
        vocabulary.categoryFocus().forEach((category, kinds) -> {
            if (GampCategory.of(category).isEmpty()) {
                problems.add(VOCABULARY + " gives a focus for category " + category + ", which does not exist");
            }
            kinds.stream().filter(k -> !vocabulary.requirementKinds().containsKey(k))
                .forEach(k -> problems.add("the focus of category " + category + " names unknown requirement kind " + k));
        });
        vocabulary.citations().keySet().forEach(id -> {
            if (!itemsById.containsKey(id)) {
                problems.add(VOCABULARY + " has citations for " + id + ", which is not in " + GUIDANCE);
            } else if (itemsById.get(id).supersededBy() != null) {
                problems.add(VOCABULARY + " has citations for " + id + ", which is superseded");
            }
        });
        vocabulary.jurisdictions().forEach((code, jurisdiction) -> {
            if (jurisdiction.breadth() <= 0 || jurisdiction.breadth() > 1) {
                problems.add("jurisdiction " + code + " has breadth " + jurisdiction.breadth() + ", outside (0, 1]");
            }
        });
        for (GuidanceCatalog.Item item : guidance.items()) {
            String id = item.id();
            item.appliesTo().categories().stream().filter(c -> GampCategory.of(c).isEmpty())
                .forEach(c -> problems.add(id + " applies to category " + c + ", which does not exist"));
            item.appliesTo().systemTypes().stream()
                .filter(t -> !t.equals(GuidanceCatalog.ANY_SYSTEM) && !vocabulary.systemTypes().containsKey(t))
                .forEach(t -> problems.add(id + " names system type " + t + ", which " + VOCABULARY + " does not describe"));
            item.appliesTo().requirementKinds().stream().filter(k -> !vocabulary.requirementKinds().containsKey(k))
                .forEach(k -> problems.add(id + " names requirement kind " + k + ", which " + VOCABULARY + " does not describe"));
            if (!vocabulary.jurisdictions().containsKey(item.jurisdiction())) {
                problems.add(id + " has jurisdiction " + item.jurisdiction() + ", which " + VOCABULARY + " does not describe");
            }
            boolean superseded = item.status() == GuidanceStatus.SUPERSEDED;
            if (superseded != (item.supersededBy() != null)) {
                problems.add(id + " is " + item.status() + " but supersededBy is " + item.supersededBy());
            }
            if (item.supersededBy() != null && !itemsById.containsKey(item.supersededBy())) {
                problems.add(id + " is superseded by " + item.supersededBy() + ", which is not in " + GUIDANCE);
            }
            item.supersedes().stream().filter(s -> !itemsById.containsKey(s) || !id.equals(itemsById.get(s).supersededBy()))
                .forEach(s -> problems.add(id + " supersedes " + s + ", which does not name it as its successor"));
            if (item.supersededBy() != null && successionLoops(item)) {
                problems.add(id + " is, through its successors, superseded by itself");
            }
            if (item.keyPoints().isEmpty()) {
                problems.add(id + " has no key points");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("research knowledge is inconsistent: " + String.join("; ", problems));
        }
    }

    private boolean successionLoops(GuidanceCatalog.Item start) {
        GuidanceCatalog.Item current = start;
        for (int step = 0; step < itemsById.size(); step++) {
            current = current.supersededBy() == null ? null : itemsById.get(current.supersededBy());
            if (current == null) {
                return false;
            }
        }
        return true;
    }
}
