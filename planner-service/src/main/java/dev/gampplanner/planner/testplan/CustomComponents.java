package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import dev.gampplanner.planner.text.ScreenedPattern;
import dev.gampplanner.schema.CustomComponent;
import dev.gampplanner.schema.Requirement;

/**
 * Code written inside a configurable product — in the vendor's scripting language, or routines the
 * site develops — is a GAMP Category 5 component of a Category 3 or 4 system, with its own
 * specification and code review. Report and screen designers are configuration, not code.
 */
final class CustomComponents {

    private static final ScreenedPattern CODE = ScreenedPattern.compile(
        "\\b(?:scripting\\b|scripts?\\b|custom (?:code|routines?|export routines?|"
        + "plugins?|functions?|programs?|macros?)\\b|plugin sdk\\b|custom[- ]developed\\b|custom development\\b)");
    private static final ScreenedPattern DESIGNER = ScreenedPattern.compile("\\b(?:report|screen|form) designer\\b");
    private static final List<String> DELIVERABLES = List.of(
        "component specification (what the code does, its inputs, outputs and error handling)",
        "code review record against the coding standard, by someone other than the author",
        "developer test evidence for each branch of the code",
        "the code under version and change control");

    private CustomComponents() {
    }

    /** @param requirements the testable requirements: an open question ("or custom development needed") decides nothing */
    static List<CustomComponent> find(List<Requirement> requirements, int category) {
        if (category >= 5) {
            return List.of();
        }
        return requirements.stream().flatMap(r -> {
            String text = r.getText() + " " + String.join(" ", r.getDetails());
            String folded = ScreenedPattern.fold(text);
            if (!CODE.mayOccurIn(folded)) {
                return Stream.empty();
            }
            Matcher code = CODE.matcher(text);
            if (!code.find() || DESIGNER.find(text, folded)) {
                return Stream.empty();
            }
            return Stream.of(new CustomComponent(r.getId(), "\"" + code.group() + "\" is code written inside the "
                + "configured product: a GAMP Category 5 component of this Category " + category + " system", DELIVERABLES));
        }).toList();
    }
}
