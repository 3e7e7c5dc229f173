package dev.gampplanner.agent.context.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gampplanner.runtime.knowledge.KnowledgeResources;

/**
 * The regulatory passages the context agent retrieves from, read once from the class path.
 *
 * @param version declared version plus a digest of every file's bytes, stamped on each result
 */
public record KnowledgeBase(String version, List<Passage> passages) {

    public static final String DECLARED_VERSION = "context-kb-2026.11";

    static final List<String> PASSAGE_FILES = List.of(
        "knowledge/passages/part11.yaml",
        "knowledge/passages/annex11.yaml",
        "knowledge/passages/alcoa-plus.yaml",
        "knowledge/passages/gamp5-guidance.yaml");
    static final String FDA_SCOPE_GUIDANCE = "knowledge/fda-part11-scope-guidance-2003.md";

    private static final GuidanceSections.Document FDA_SCOPE = new GuidanceSections.Document(
        "FDA-P11-GUIDANCE",
        "FDA Part 11 Scope & Application guidance (2003)",
        "FDA Guidance for Industry: Part 11 Scope and Application (2003)",
        "Contains Nonbinding Recommendations");

    public KnowledgeBase {
        passages = List.copyOf(passages);
    }

    public static KnowledgeBase load() {
        return load(KnowledgeBase.class);
    }

    /**
     * Loads the knowledge files through {@code anchor}'s class loader.
     *
     * @throws IllegalStateException when a file is missing or invalid, or two passages share an id
     */
    public static KnowledgeBase load(Class<?> anchor) {
        List<String> paths = new ArrayList<>(PASSAGE_FILES);
        paths.add(FDA_SCOPE_GUIDANCE);
        KnowledgeResources files = KnowledgeResources.load(anchor, DECLARED_VERSION, paths);
        List<Passage> passages = new ArrayList<>();
        for (String path : PASSAGE_FILES) {
            passages.addAll(files.yaml(path, PassageFile.class).toPassages());
        }
        passages.addAll(GuidanceSections.passages(files.text(FDA_SCOPE_GUIDANCE), FDA_SCOPE));
        requireUniqueIds(passages);
        return new KnowledgeBase(files.version(), passages);
    }

    private static void requireUniqueIds(List<Passage> passages) {
        Set<String> seen = new HashSet<>();
        for (Passage passage : passages) {
            if (!seen.add(passage.id())) {
                throw new IllegalStateException("passage id " + passage.id() + " appears twice in the knowledge base");
            }
            if (passage.text().isBlank()) {
                throw new IllegalStateException("passage " + passage.id() + " has no text");
            }
        }
    }
}
