package dev.gampplanner.agent.context.knowledge;

import java.util.List;

/**
 * A passages file ({@code knowledge/passages/*.yaml}) as written: the provenance of the document,
 * then one entry per clause. Every field the files use is bound, because unknown fields are refused.
 */
public record PassageFile(String source, String issuer, String published, String version, String url,
                          String reproduction, String terms, List<Entry> passages) {

    public record Entry(String id, String clause, String title, String text, List<String> keywords) {
    }

    List<Passage> toPassages() {
        return passages.stream()
            .map(entry -> new Passage(entry.id(), entry.clause(), source, entry.title(), entry.text(),
                entry.keywords() == null ? List.of() : entry.keywords()))
            .toList();
    }
}
