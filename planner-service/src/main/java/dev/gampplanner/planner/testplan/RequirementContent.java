package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.TestStage;

/**
 * What a requirement gives a test to work with: its limits, its detail lines, the stage that proves
 * it and, when it cannot be tested as written, why. Read once per requirement; every test of it reuses the reading.
 *
 * @param plainDetails detail lines that state no limit of their own, with what a test checks of each; those with
 *     one are checked through the limit
 */
record RequirementContent(Requirement requirement, TestTheme theme, List<Limit> limits, List<DetailCheck> plainDetails,
                          TestStage stage, Optional<String> clarify) {

    private static final Pattern COUNTERPART = Pattern.compile(
        "(?i)\\b(?:with|to|from|into)\\s+(?:the\\s+|existing\\s+|site\\s+)*([A-Za-z0-9/&() -]{2,50}?)"
            + "(?=\\s+(?:using|via|through|for|with|based)\\b|[.,;:]|$)");

    static RequirementContent of(Requirement requirement, TestTheme theme) {
        List<Limit> limits = LimitReader.read(requirement.getText(), requirement.getDetails());
        List<DetailCheck> plainDetails = requirement.getDetails().stream().filter(d -> LimitReader.read(d).isEmpty())
            .map(DetailCheck::of).toList();
        return new RequirementContent(requirement, theme, limits, plainDetails, StageRule.of(requirement, limits),
            Clarity.reasonToClarify(requirement, limits));
    }

    String id() {
        return requirement.getId();
    }

    boolean testable() {
        return clarify.isEmpty();
    }

    /** Limits a test run can set up and cross: a boundary test is planned only for these. */
    List<Limit> challengeableLimits() {
        return limits.stream().filter(Limit::challengeable).toList();
    }

    /** The other system an interface requirement names ("existing SAP ERP"), or a neutral phrase. */
    String counterpart() {
        Matcher matcher = COUNTERPART.matcher(requirement.getText());
        return matcher.find() ? matcher.group(1).strip() : "the connected system";
    }
}
