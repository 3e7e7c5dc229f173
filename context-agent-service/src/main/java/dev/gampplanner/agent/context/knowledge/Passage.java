package dev.gampplanner.agent.context.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One retrievable unit of regulatory knowledge: a clause of a regulation, a section of a guidance or
 * a summarised concept.
 *
 * @param id stable identifier, e.g. {@code 21CFR11.10(e)}; ties in every ranking are broken by it
 * @param citation the reference as an auditor writes it, e.g. {@code §11.10(e)}
 * @param source the document the passage is from
 * @param keywords search terms the knowledge author attached to the passage
 */
public record Passage(String id, String citation, String source, String title, String text, List<String> keywords) {

    public Passage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        keywords = List.copyOf(keywords);
    }
}
