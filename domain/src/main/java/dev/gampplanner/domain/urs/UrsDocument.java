package dev.gampplanner.domain.urs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed User Requirements Specification.
 *
 * @param documentId the document's own id when its title starts with one (URS-014)
 * @param titleLine the system the URS specifies, and the line it is named on (0 when the URS has no title heading)
 * @param metadata labelled lines before the first section (System Type, Domain ...), minus any
 *     category label: the document's own claim about its GAMP category is never trusted
 * @param metadataLines the same lines as written, with their numbers
 * @param analysisText the URS with category label lines blanked (so line numbers still match), for classifiers
 * @param warnings what the parser noticed and could not make sense of (duplicate ids ...)
 */
public record UrsDocument(String documentId, UrsLine titleLine, Map<String, String> metadata, List<UrsLine> metadataLines,
                          List<UrsSection> sections, List<UrsRequirement> requirements, String analysisText,
                          List<String> warnings) {

    public UrsDocument {
        Objects.requireNonNull(titleLine, "titleLine");
        metadataLines = List.copyOf(metadataLines);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        sections = List.copyOf(sections);
        requirements = List.copyOf(requirements);
        warnings = List.copyOf(warnings);
    }

    /** The system the URS specifies. */
    public String title() {
        return titleLine.text();
    }

    public Optional<String> metadata(String key) {
        return metadata.entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(key))
            .map(Map.Entry::getValue)
            .findFirst();
    }

    public Optional<String> systemType() {
        return metadata("System Type");
    }
}
