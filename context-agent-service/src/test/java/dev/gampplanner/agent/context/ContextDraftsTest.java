package dev.gampplanner.agent.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gampplanner.agent.context.ContextDrafts.ClauseReason;
import dev.gampplanner.agent.context.ContextDrafts.ContextDraft;
import dev.gampplanner.agent.context.ContextDrafts.Reading;
import dev.gampplanner.llm.DraftCheck;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.RequirementClauses;

/** The context agent's checks of a model's draft against its own analysis of URS-001. */
class ContextDraftsTest {

    private static final ContextDrafts DRAFTS = new ContextDrafts();

    @Test
    void aDraftCoveringEveryRequirementAndClausePassesAndIsMergedInRequirementOrder() throws Exception {
        ContextFindings analysis = analysis();
        ContextDraft draft = faithful(analysis);
        assertThat(check(draft, analysis).rejected()).isFalse();
        assertThat(check(draft, analysis).invalid()).isFalse();
        ContextFindings merged = DRAFTS.merge(analysis, new ContextDraft(reversed(draft.requirements())));
        assertThat(merged.getInterpretations()).extracting(i -> i.getRequirementId())
            .containsExactlyElementsOf(analysis.getTraces().stream().map(RequirementClauses::getRequirementId).toList());
        assertThat(merged.getTraces()).isEqualTo(analysis.getTraces());
    }

    @Test
    void aClauseExplainedUnderARequirementItWasNotRetrievedForIsRejected() throws Exception {
        ContextFindings analysis = analysis();
        List<Reading> readings = new ArrayList<>(faithful(analysis).requirements());
        RequirementClauses first = analysis.getTraces().get(0);
        String foreign = analysis.getTraces().stream().flatMap(t -> t.getClauses().stream()).map(ClauseMatch::getPassageId)
            .filter(id -> first.getClauses().stream().noneMatch(c -> c.getPassageId().equals(id))).findFirst().orElseThrow();
        Reading original = readings.get(0);
        List<ClauseReason> clauses = new ArrayList<>(original.clauses());
        clauses.add(new ClauseReason(foreign, "it sounds related"));
        readings.set(0, new Reading(original.requirementId(), original.interpretation(), clauses));

        DraftCheck check = check(new ContextDraft(readings), analysis);
        assertThat(check.rejected()).isTrue();
        assertThat(check.inventions()).contains("clause of requirement " + first.getRequirementId() + " '" + foreign + "'");
    }

    @Test
    void aMissingRequirementOrBlankInterpretationIsASchemaProblemNotAnInvention() throws Exception {
        ContextFindings analysis = analysis();
        List<Reading> readings = new ArrayList<>(faithful(analysis).requirements());
        Reading dropped = readings.remove(readings.size() - 1);
        Reading first = readings.get(0);
        readings.set(0, new Reading(first.requirementId(), " ", first.clauses()));

        DraftCheck check = check(new ContextDraft(readings), analysis);
        assertThat(check.rejected()).isFalse();
        assertThat(check.malformations()).contains("no draft for requirement [" + dropped.requirementId() + "]")
            .contains("the interpretation of requirement " + first.requirementId() + " is missing or blank");
    }

    @Test
    void thePromptListsEveryRequirementWithItsClausesAndItsDigestIsStable() throws Exception {
        ContextFindings analysis = analysis();
        AgentRequest request = Examples.request("URS-001.md");
        assertThat(DRAFTS.prompt(request, analysis).user()).contains(analysis.getRequirements().get(0).getId())
            .contains(analysis.getTraces().get(0).getClauses().get(0).getPassageId());
        assertThat(DRAFTS.prompt(request, analysis).sha256()).isEqualTo(DRAFTS.prompt(request, analysis()).sha256());
    }

    private static ContextFindings analysis() throws Exception {
        return SharedAgent.get().analyse(Examples.request("URS-001.md"));
    }

    private static ContextDraft faithful(ContextFindings analysis) {
        return new ContextDraft(analysis.getTraces().stream().map(trace -> new Reading(trace.getRequirementId(),
            "reads as " + trace.getRequirementId(), trace.getClauses().stream()
                .map(clause -> new ClauseReason(clause.getPassageId(), "applies")).toList())).toList());
    }

    private static DraftCheck check(ContextDraft draft, ContextFindings analysis) {
        DraftCheck check = new DraftCheck();
        DRAFTS.check(draft, analysis, check);
        return check;
    }

    private static List<Reading> reversed(List<Reading> readings) {
        List<Reading> copy = new ArrayList<>(readings);
        Collections.reverse(copy);
        return copy;
    }
}
