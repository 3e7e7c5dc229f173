package dev.gampplanner.client;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.FailureMode;
import dev.gampplanner.schema.FailureModeAnalysis;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.GuidanceRationale;
import dev.gampplanner.schema.RequirementInterpretation;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.SmeAssessment;

/**
 * The parts of a plan a model drafted in LLM mode, rendered apart from the agents' own analysis and headed as drafted,
 * so a reader never takes them for the deterministic findings. Nothing is written for an agent that did not draft.
 */
final class DraftedParts {

    private DraftedParts() {
    }

    static void context(StringBuilder md, ContextFindings context) {
        if (context.getInterpretations().isEmpty()) {
            return;
        }
        Map<String, String> citations = context.getTraces().stream().flatMap(t -> t.getClauses().stream())
            .collect(Collectors.toMap(ClauseMatch::getPassageId, ClauseMatch::getCitation, (first, second) -> first));
        md.append("### Requirement interpretations (drafted by the model)\n\n| Requirement | Interpretation | Why the clauses apply |\n")
            .append("|---|---|---|\n");
        for (RequirementInterpretation reading : context.getInterpretations()) {
            List<String> reasons = reading.getClauses().stream()
                .map(c -> citations.getOrDefault(c.getPassageId(), c.getPassageId()) + ": " + c.getWhyItApplies()).toList();
            md.append("| ").append(reading.getRequirementId()).append(" | ").append(cell(reading.getInterpretation())).append(" | ")
                .append(cell(String.join("; ", reasons))).append(" |\n");
        }
        md.append('\n');
    }

    static void sme(StringBuilder md, SmeAssessment sme) {
        if (sme.getFailureModes().isEmpty()) {
            return;
        }
        md.append("### Failure modes of the high and medium risks (drafted by the model)\n\n");
        for (FailureModeAnalysis analysis : sme.getFailureModes()) {
            md.append("**").append(analysis.getRequirementId()).append("**\n\n| Failure mode | Effect | Mitigation |\n|---|---|---|\n");
            for (FailureMode mode : analysis.getFailureModes()) {
                md.append("| ").append(cell(mode.getMode())).append(" | ").append(cell(mode.getEffect())).append(" | ")
                    .append(cell(mode.getMitigation())).append(" |\n");
            }
            md.append("\nTest steps: ");
            for (int i = 0; i < analysis.getTestSteps().size(); i++) {
                md.append(i == 0 ? "" : " ").append(i + 1).append(". ").append(analysis.getTestSteps().get(i));
            }
            md.append("\n\n");
        }
    }

    static void research(StringBuilder md, ResearchFindings research) {
        if (research.getRationales().isEmpty()) {
            return;
        }
        Map<String, String> titles = research.getItems().stream()
            .collect(Collectors.toMap(GuidanceFinding::getId, GuidanceFinding::getTitle, (first, second) -> first));
        md.append("### Why each item matters for this system (drafted by the model)\n\n| Guidance | Why it matters |\n|---|---|\n");
        for (GuidanceRationale rationale : research.getRationales()) {
            md.append("| ").append(cell(titles.getOrDefault(rationale.getGuidanceId(), rationale.getGuidanceId()))).append(" | ")
                .append(cell(rationale.getWhyItMatters())).append(" |\n");
        }
        md.append('\n');
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
