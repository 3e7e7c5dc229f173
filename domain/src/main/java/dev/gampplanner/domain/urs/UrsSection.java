package dev.gampplanner.domain.urs;

import java.util.List;

/**
 * A section of the URS.
 *
 * @param number the heading's number as written ("2", "4.1"), empty when unnumbered
 * @param prose the section's lines that are not requirements
 */
public record UrsSection(String number, String heading, RequirementKind kind, int line, List<UrsLine> prose) {

    public UrsSection {
        prose = List.copyOf(prose);
    }
}
