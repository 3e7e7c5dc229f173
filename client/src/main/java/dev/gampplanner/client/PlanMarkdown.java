package dev.gampplanner.client;

import java.util.List;
import java.util.Locale;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.CategoryDecision;
import dev.gampplanner.schema.CategoryEvidence;
import dev.gampplanner.schema.ComplianceGap;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.Recommendation;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.TestStrategy;
import dev.gampplanner.schema.TracedRequirement;

/** A plan as a document a validation engineer reads: summary, traceability, tests, risk, guidance, audit. */
public final class PlanMarkdown {

    private PlanMarkdown() {
    }

    public static String render(MergedPlan plan) {
        StringBuilder md = new StringBuilder();
        md.append("# Qualification test plan: ").append(plan.getTitle()).append("\n\n");
        summary(md, plan);
        agents(md, plan);
        category(md, plan.getCategory());
        strategy(md, plan.getStrategy());
        traceability(md, plan);
        ProtocolMarkdown.render(md, plan);
        if (plan.getSme() != null) {
            risk(md, plan.getSme());
            DraftedParts.sme(md, plan.getSme());
        }
        if (plan.getContext() != null) {
            context(md, plan.getContext());
            DraftedParts.context(md, plan.getContext());
        }
        if (plan.getResearch() != null) {
            research(md, plan.getResearch());
            DraftedParts.research(md, plan.getResearch());
        }
        audit(md, plan);
        return md.toString();
    }

    private static void summary(StringBuilder md, MergedPlan plan) {
        CategoryDecision category = plan.getCategory();
        TestStrategy strategy = plan.getStrategy();
        md.append("| | |\n|---|---|\n");
        row(md, "Source document", plan.getSource());
        row(md, "Correlation id", "`" + plan.getCorrelationId() + "`");
        row(md, "Plan status", "**" + plan.getStatus() + "**");
        row(md, "GAMP 5 category", category.getCategory() + " (" + GampCategory.require(category.getCategory()).title() + "), "
            + category.getSource().name().toLowerCase(Locale.ROOT) + ", confidence " + fixed(category.getConfidence()));
        row(md, "Strategy", strategy.getName() + ": " + strategy.getOqTestsMin() + " to " + strategy.getOqTestsMax()
            + " OQ tests; " + plan.getTests().size() + " planned");
        long clarify = plan.getRequirements().stream().filter(r -> r.getTestIds().isEmpty()).count();
        row(md, "Requirements", plan.getRequirements().size() + (clarify == 0 ? ", each traced to at least one test"
            : ", " + clarify + " to clarify before testing, the others traced to at least one test"));
        row(md, "Review required", plan.getReviewRequired() ? "**yes**: " + String.join("; ", plan.getReviewReasons()) : "no");
        row(md, "Requested", plan.getRequestedAt() + (plan.getSubmittedBy() == null ? "" : " by " + plan.getSubmittedBy()));
        row(md, "Completed", plan.getCompletedAt() + " (" + plan.getLatencyMs() + " ms; deadline " + plan.getDeadline() + ")");
        md.append('\n');
    }

    private static void agents(StringBuilder md, MergedPlan plan) {
        md.append("## Agents\n\n| Agent | Outcome | Mode | Knowledge base | Result SHA-256 |\n|---|---|---|---|---|\n");
        for (AgentOutcome outcome : plan.getAgents()) {
            md.append("| ").append(outcome.getAgent().name().toLowerCase(Locale.ROOT)).append(" | ").append(outcome.getStatus())
                .append(outcome.getError() == null ? "" : ": " + cell(outcome.getError())).append(" | ")
                .append(mode(outcome)).append(" | ")
                .append(orDash(outcome.getKnowledgeBaseVersion())).append(" | ")
                .append(outcome.getResultSha256() == null ? "-" : "`" + outcome.getResultSha256().substring(0, 16) + "…`")
                .append(" |\n");
        }
        md.append('\n');
    }

    /** deterministic, or llm with the model that drafted; a dash for an agent that did not answer. */
    private static String mode(AgentOutcome outcome) {
        if (outcome.getMode() == null) {
            return "-";
        }
        String mode = outcome.getMode().name().toLowerCase(Locale.ROOT);
        return outcome.getModel() == null ? mode : mode + " (" + cell(outcome.getModel()) + ")";
    }

    private static void category(StringBuilder md, CategoryDecision category) {
        md.append("## GAMP category\n\n");
        md.append("Category ").append(category.getCategory()).append(" (")
            .append(GampCategory.require(category.getCategory()).title()).append("), ")
            .append(category.getSource().name().toLowerCase(Locale.ROOT)).append(" with confidence ")
            .append(fixed(category.getConfidence())).append(". Scores: ")
            .append(String.join(", ", category.getScores().stream().map(s -> s.getCategory() + ": " + fixed(s.getScore())).toList()))
            .append(".\n\n");
        if (category.getReviewRequired()) {
            md.append("**Review required:** ").append(category.getReviewReason()).append("\n\n");
        }
        evidence(md, "What decided it", category.getEvidence());
        evidence(md, "What argued otherwise", category.getCounterEvidence());
    }

    private static void evidence(StringBuilder md, String heading, List<CategoryEvidence> evidence) {
        if (evidence.isEmpty()) {
            return;
        }
        md.append("**").append(heading).append(":**\n\n");
        for (CategoryEvidence e : evidence) {
            md.append("- line ").append(e.getLine()).append(", Category ").append(e.getCategory()).append(" (")
                .append(e.getSignal()).append("): \"").append(e.getPhrase()).append("\"\n");
        }
        md.append('\n');
    }

    private static void strategy(StringBuilder md, TestStrategy strategy) {
        md.append("## Test strategy: ").append(strategy.getName()).append("\n\n")
            .append(strategy.getRigor()).append("\n\n");
        list(md, "Test types", strategy.getTestTypes());
        list(md, "Required reviews", strategy.getReviews());
        list(md, "Deliverables", strategy.getDeliverables());
        list(md, "Quality gates", strategy.getQualityGates());
    }

    private static void traceability(StringBuilder md, MergedPlan plan) {
        md.append("## Traceability\n\n| Requirement | Text | Clauses | Risk (RPN) | Tests |\n|---|---|---|---|---|\n");
        for (TracedRequirement r : plan.getRequirements()) {
            md.append("| ").append(r.getId()).append(" | ").append(cell(r.getText())).append(" | ")
                .append(r.getClauses().isEmpty() ? "-" : cell(String.join(", ", r.getClauses()))).append(" | ")
                .append(r.getRiskLevel() == null ? "-" : r.getRiskLevel() + " (" + r.getRpn() + ")").append(" | ")
                .append(r.getTestIds().isEmpty() ? r.getTestability().name() : String.join(", ", r.getTestIds())).append(" |\n");
        }
        md.append('\n');
    }

    private static void risk(StringBuilder md, SmeAssessment sme) {
        md.append("## Risk assessment\n\n").append(sme.getSummary()).append("\n\n")
            .append("| Requirement | Failure mode | Effect | Cause | S | O | D | RPN | Level | Rationale |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (RequirementRisk r : sme.getRisks()) {
            md.append("| ").append(r.getRequirementId()).append(" | ").append(cell(orDash(r.getFailureMode()))).append(" | ")
                .append(cell(orDash(r.getEffect()))).append(" | ").append(cell(orDash(r.getCause()))).append(" | ")
                .append(r.getSeverity()).append(" | ")
                .append(r.getOccurrence()).append(" | ").append(r.getDetectability()).append(" | ").append(r.getRpn())
                .append(" | ").append(r.getRiskLevel()).append(" | ").append(cell(r.getRationale())).append(" |\n");
        }
        md.append('\n');
        if (!sme.getGaps().isEmpty()) {
            md.append("### Compliance gaps\n\n| Control | Reference | Severity | Scope | Impact | Recommendation |\n"
                + "|---|---|---|---|---|---|\n");
            for (ComplianceGap gap : sme.getGaps()) {
                md.append("| ").append(cell(gap.getTitle())).append(" | ").append(gap.getReference()).append(" | ")
                    .append(gap.getSeverityLevel()).append(" | ").append(gap.getScope()).append(" | ").append(cell(gap.getImpact())).append(" | ")
                    .append(cell(gap.getRecommendation())).append(" |\n");
            }
            md.append('\n');
        }
        if (!sme.getRecommendations().isEmpty()) {
            md.append("### Recommendations\n\n");
            for (Recommendation r : sme.getRecommendations()) {
                md.append("- **").append(r.getPriorityLevel()).append("** ").append(r.getTitle()).append(": ").append(r.getRationale());
                if (!r.getRequirementIds().isEmpty()) {
                    md.append(" (").append(String.join(", ", r.getRequirementIds())).append(")");
                }
                md.append("\n");
            }
            md.append('\n');
        }
    }

    private static void context(StringBuilder md, ContextFindings context) {
        md.append("## Regulatory context\n\n")
            .append("Requirements read: ").append(context.getRequirements().size())
            .append("; regulatory coverage ").append(percent(context.getCoverage()))
            .append("; retrieval quality ").append(fixed(context.getRetrievalQuality()))
            .append("; confidence ").append(fixed(context.getConfidence()))
            .append(" (").append(context.getRetrievalMethod()).append(" over ").append(context.getPassagesIndexed())
            .append(" passages). Sources: ").append(String.join(", ", context.getFrameworks())).append(".\n\n");
    }

    private static void research(StringBuilder md, ResearchFindings research) {
        md.append("## Current guidance\n\n| Guidance | Issuer | Date | Status | Why it matters |\n|---|---|---|---|---|\n");
        for (GuidanceFinding g : research.getItems()) {
            md.append("| ").append(cell(g.getTitle())).append(" | ").append(cell(g.getIssuer())).append(" | ")
                .append(g.getPublished()).append(" | ").append(g.getGuidanceStatus()).append(" | ").append(cell(g.getWhyItMatters()))
                .append(" |\n");
        }
        md.append('\n');
    }

    private static void audit(StringBuilder md, MergedPlan plan) {
        md.append("## Audit trail\n\n| Record | SHA-256 |\n|---|---|\n");
        row(md, "PlanRequest", "`" + plan.getRequestSha256() + "`");
        row(md, "PlanOpened", "`" + plan.getPlanOpenedSha256() + "`");
        for (AgentOutcome outcome : plan.getAgents()) {
            if (outcome.getResultSha256() != null) {
                row(md, "AgentResult (" + outcome.getAgent().name().toLowerCase(Locale.ROOT) + ")", "`" + outcome.getResultSha256() + "`");
            }
        }
        if (plan.getDeadlineExpiredSha256() != null) {
            row(md, "DeadlineExpired", "`" + plan.getDeadlineExpiredSha256() + "`");
        }
        md.append("\nPlanned by ").append(plan.getPlannerVersion()).append(".\n");
    }

    private static void list(StringBuilder md, String heading, List<String> items) {
        md.append("**").append(heading).append(":** ").append(String.join("; ", items)).append("\n\n");
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.0f%%", value * 100);
    }
}
