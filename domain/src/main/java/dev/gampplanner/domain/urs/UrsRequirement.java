package dev.gampplanner.domain.urs;

import java.util.List;
import java.util.Objects;

/**
 * One requirement as the URS writes it.
 *
 * @param id the identifier as written (URS-LIMS-007); for a URS that numbers no requirement, a
 *     locator such as {@code 3.2} built from the section number and position, flagged by {@code derivedId}
 * @param details nested detail lines, without their bullets
 * @param line 1-based line the requirement starts on
 */
public record UrsRequirement(String id, String text, String section, RequirementKind kind,
                             List<String> details, int line, boolean derivedId) {

    public UrsRequirement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(kind, "kind");
        details = List.copyOf(details);
    }

    /** The requirement text with its details, as one string for matching. */
    public String fullText() {
        if (details.isEmpty()) {
            return text;
        }
        return text + "\n" + String.join("\n", details);
    }
}
