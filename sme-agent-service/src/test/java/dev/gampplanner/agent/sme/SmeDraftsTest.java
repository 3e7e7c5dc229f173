package dev.gampplanner.agent.sme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gampplanner.agent.sme.SmeDrafts.Failure;
import dev.gampplanner.agent.sme.SmeDrafts.Risk;
import dev.gampplanner.agent.sme.SmeDrafts.SmeDraft;
import dev.gampplanner.llm.DraftCheck;
import dev.gampplanner.schema.FailureModeAnalysis;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;

/** The SME agent's checks of a model's draft: only high and medium risks are drafted, each with failure modes and steps. */
class SmeDraftsTest {

    private static final SmeAgent AGENT = SmeAgent.load();
    private static final SmeDrafts DRAFTS = new SmeDrafts();

    @Test
    void draftsCoverExactlyTheHighAndMediumRisksInUrsOrder() throws Exception {
        SmeAssessment analysis = analysis();
        List<String> drafted = highAndMedium(analysis);
        assertThat(drafted).isNotEmpty();
        List<Risk> risks = new ArrayList<>(drafted.stream().map(SmeDraftsTest::risk).toList());
        Collections.reverse(risks);
        SmeDraft draft = new SmeDraft(risks);
        assertThat(check(draft, analysis).invalid()).isFalse();
        assertThat(DRAFTS.merge(analysis, draft).getFailureModes()).extracting(FailureModeAnalysis::getRequirementId)
            .containsExactlyElementsOf(drafted);
    }

    @Test
    void aLowRiskRequirementIsNotAmongTheIdsADraftMayName() throws Exception {
        SmeAssessment analysis = analysis();
        String low = analysis.getRisks().stream().filter(r -> r.getRiskLevel() == RiskLevel.LOW).map(RequirementRisk::getRequirementId)
            .findFirst().orElseThrow();
        List<Risk> risks = new ArrayList<>(highAndMedium(analysis).stream().map(SmeDraftsTest::risk).toList());
        risks.add(risk(low));
        DraftCheck check = check(new SmeDraft(risks), analysis);
        assertThat(check.rejected()).isTrue();
        assertThat(check.inventions()).contains("high or medium risk requirement '" + low + "'");
    }

    @Test
    void aRiskWithoutFailureModesOrStepsIsASchemaProblem() throws Exception {
        SmeAssessment analysis = analysis();
        List<String> drafted = highAndMedium(analysis);
        List<Risk> risks = new ArrayList<>(drafted.stream().map(SmeDraftsTest::risk).toList());
        risks.set(0, new Risk(drafted.get(0), List.of(), List.of()));
        assertThat(check(new SmeDraft(risks), analysis).malformations()).contains("no failure mode of requirement " + drafted.get(0))
            .contains("no test step of requirement " + drafted.get(0));
    }

    private static SmeAssessment analysis() throws Exception {
        return AGENT.analyse(Examples.example("URS-001").request());
    }

    private static List<String> highAndMedium(SmeAssessment analysis) {
        return analysis.getRisks().stream().filter(r -> r.getRiskLevel() != RiskLevel.LOW).map(RequirementRisk::getRequirementId)
            .distinct().toList();
    }

    private static Risk risk(String id) {
        return new Risk(id, List.of(new Failure("fails for " + id, "bad records", "review")), List.of("step one"));
    }

    private static DraftCheck check(SmeDraft draft, SmeAssessment analysis) {
        DraftCheck check = new DraftCheck();
        DRAFTS.check(draft, analysis, check);
        return check;
    }
}
