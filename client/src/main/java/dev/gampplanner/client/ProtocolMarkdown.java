package dev.gampplanner.client;

import java.util.List;

import dev.gampplanner.schema.CustomComponent;
import dev.gampplanner.schema.GapAction;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlannedTest;
import dev.gampplanner.schema.TestCharter;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStep;
import dev.gampplanner.schema.Testability;
import dev.gampplanner.schema.TracedRequirement;

/**
 * The protocol part of a plan in Markdown: approval block, IQ / OQ / PQ sections with each test's
 * prerequisites, test data, numbered steps with the fields a tester fills in, or its charter; the
 * requirements to clarify, the gap actions and the custom components.
 */
public final class ProtocolMarkdown {

    private ProtocolMarkdown() {
    }

    public static void render(StringBuilder md, MergedPlan plan) {
        approvals(md);
        for (TestStage stage : TestStage.values()) {
            List<PlannedTest> tests = plan.getTests().stream().filter(t -> t.getStage() == stage).toList();
            if (tests.isEmpty()) {
                continue;
            }
            md.append("## ").append(ProtocolText.heading(stage)).append("\n\n");
            tests.forEach(t -> test(md, t));
        }
        clarifications(md, plan.getRequirements());
        gapActions(md, plan.getGapActions());
        components(md, plan.getCustomComponents());
    }

    private static void approvals(StringBuilder md) {
        md.append("## Protocol approval\n\n| Role | Meaning of the signature | Printed name | Signature | Date and time |\n"
            + "|---|---|---|---|---|\n");
        ProtocolText.APPROVALS.forEach(a -> md.append("| ").append(a.role()).append(" | ").append(a.meaning()).append(" | | | |\n"));
        md.append('\n').append(ProtocolText.SIGNATURE_NOTE).append("\n\n");
    }

    private static void test(StringBuilder md, PlannedTest test) {
        md.append("### ").append(test.getId()).append(": ").append(test.getTitle()).append("\n\n")
            .append("- Type: ").append(test.getType()).append("\n")
            .append("- Priority: ").append(test.getPriorityLevel()).append(test.getScripted() ? ", scripted" : ", unscripted (test charter)")
            .append("\n- Requirements: ").append(String.join(", ", test.getRequirementIds())).append("\n");
        if (!test.getClauses().isEmpty()) {
            md.append("- Clauses: ").append(String.join(", ", test.getClauses())).append("\n");
        }
        md.append("- Objective: ").append(test.getObjective()).append("\n\n");
        bullets(md, "Prerequisites", test.getPrerequisites());
        bullets(md, "Test data", test.getTestData());
        if (test.getCharter() != null) {
            TestCharter charter = test.getCharter();
            md.append("**Test charter:** ").append(charter.getScope()).append(". Timebox: ").append(charter.getTimeboxMinutes())
                .append(" minutes. Evidence: ").append(charter.getEvidence()).append(".\n\n");
        } else {
            md.append("| Step | Action | Expected result | Evidence | ").append(String.join(" | ", ProtocolText.EXECUTION_FIELDS))
                .append(" |\n|---|---|---|---|---|---|---|\n");
            for (TestStep step : test.getSteps()) {
                md.append("| ").append(step.getNumber()).append(" | ").append(cell(step.getAction())).append(" | ")
                    .append(cell(step.getExpectedResult())).append(" | ").append(cell(step.getEvidence())).append(" | | | |\n");
            }
            md.append('\n');
        }
        bullets(md, "Acceptance criteria", test.getAcceptanceCriteria());
        md.append("| ").append(String.join(" | ", ProtocolText.TEST_SIGN_OFF)).append(" |\n|---|---|---|---|\n| | | | |\n\n");
    }

    private static void clarifications(StringBuilder md, List<TracedRequirement> requirements) {
        List<TracedRequirement> clarify = requirements.stream().filter(r -> r.getTestability() == Testability.CLARIFY).toList();
        if (clarify.isEmpty()) {
            return;
        }
        md.append("## Requirements to clarify before testing\n\n| Requirement | Text | Why |\n|---|---|---|\n");
        clarify.forEach(r -> md.append("| ").append(r.getId()).append(" | ").append(cell(r.getText())).append(" | ")
            .append(cell(r.getTestabilityReason())).append(" |\n"));
        md.append('\n');
    }

    private static void gapActions(StringBuilder md, List<GapAction> actions) {
        if (actions.isEmpty()) {
            return;
        }
        md.append("## What closes each compliance gap\n\n| Control | Severity | Scope | Action | Owner | Tests |\n"
            + "|---|---|---|---|---|---|\n");
        actions.forEach(a -> md.append("| ").append(a.getReference()).append(" | ").append(a.getSeverityLevel()).append(" | ")
            .append(a.getScope()).append(" | ").append(cell(a.getAction())).append(" | ").append(a.getOwnerRole()).append(" | ")
            .append(a.getTestIds().isEmpty() ? "-" : String.join(", ", a.getTestIds())).append(" |\n"));
        md.append('\n');
    }

    private static void components(StringBuilder md, List<CustomComponent> components) {
        if (components.isEmpty()) {
            return;
        }
        md.append("## Category 5 components\n\n");
        components.forEach(c -> md.append("- ").append(c.getRequirementId()).append(": ").append(c.getReason())
            .append(". Deliverables: ").append(String.join("; ", c.getDeliverables())).append(".\n"));
        md.append('\n');
    }

    private static void bullets(StringBuilder md, String heading, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append("**").append(heading).append(":**\n\n");
        items.forEach(i -> md.append("- ").append(i).append("\n"));
        md.append('\n');
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
