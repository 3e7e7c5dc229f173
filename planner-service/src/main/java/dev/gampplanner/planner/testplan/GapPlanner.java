package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.GapAction;
import dev.gampplanner.schema.GapScope;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.TestStage;

/**
 * Leads every compliance gap somewhere: a HIGH gap the system itself must close is tested — by the
 * plan's tests of the same theme, or by a test planned for the gap — and every other gap is an open
 * item with the role that owns it. Procedural gaps (SOPs, the quality system) stay apart from URS gaps.
 */
final class GapPlanner {

    /** The theme whose tests show a control in place, by control id. */
    private static final Map<String, TestTheme> THEMES = Map.ofEntries(
        Map.entry("P11-11.10D", TestTheme.ACCESS), Map.entry("P11-11.10G", TestTheme.ACCESS),
        Map.entry("P11-11.300", TestTheme.ACCESS), Map.entry("A11-12", TestTheme.ACCESS),
        Map.entry("P11-11.10E", TestTheme.AUDIT_TRAIL), Map.entry("A11-9", TestTheme.AUDIT_TRAIL),
        Map.entry("P11-11.10C", TestTheme.RECORDS), Map.entry("A11-7.1", TestTheme.RECORDS),
        Map.entry("A11-7.2", TestTheme.RECORDS), Map.entry("A11-17", TestTheme.RECORDS),
        Map.entry("P11-11.50", TestTheme.E_SIGNATURE), Map.entry("P11-11.70", TestTheme.E_SIGNATURE),
        Map.entry("P11-11.200", TestTheme.E_SIGNATURE), Map.entry("A11-14", TestTheme.E_SIGNATURE),
        Map.entry("A11-15", TestTheme.E_SIGNATURE), Map.entry("A11-5", TestTheme.INTERFACE),
        Map.entry("P11-11.10H", TestTheme.INTERFACE), Map.entry("P11-11.10F", TestTheme.WORKFLOW),
        Map.entry("A11-6", TestTheme.CORE), Map.entry("P11-11.10B", TestTheme.REPORTING), Map.entry("A11-8", TestTheme.REPORTING));

    private GapPlanner() {
    }

    /** The theme of a HIGH gap the system must close, when a test can show the control. */
    static Optional<TestTheme> testedTheme(ComplianceGap gap) {
        if (gap.getSeverityLevel() != RiskLevel.HIGH || gap.getScope() != GapScope.URS) {
            return Optional.empty();
        }
        return Optional.ofNullable(THEMES.get(gap.getControlId()));
    }

    /** @param tests the plan's OQ tests of the gap's theme (a gap test among them when one was planned) */
    static GapAction action(ComplianceGap gap, List<PlannedTest> tests) {
        List<String> ids = tests.stream().filter(t -> t.getStage() == TestStage.OQ).map(PlannedTest::getId).toList();
        String action;
        if (!ids.isEmpty()) {
            action = "Tested by " + String.join(", ", ids) + "; add the requirement to the URS: " + gap.getRecommendation();
        } else if (gap.getScope() == GapScope.PROCEDURAL) {
            action = "Open item: confirm the approved SOP or quality-system record that meets " + gap.getReference()
                + " and reference it in the validation plan";
        } else {
            action = "Open item: " + gap.getRecommendation();
        }
        return GapAction.newBuilder()
            .setControlId(gap.getControlId())
            .setReference(gap.getReference())
            .setSeverityLevel(gap.getSeverityLevel())
            .setScope(gap.getScope())
            .setAction(action)
            .setOwnerRole(gap.getOwnerRole() == null ? "System owner" : gap.getOwnerRole())
            .setTestIds(ids)
            .build();
    }
}
