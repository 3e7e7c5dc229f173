package dev.gampplanner.agent.sme;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.llm.DraftCheck;
import dev.gampplanner.llm.DraftSpec;
import dev.gampplanner.llm.Prompt;
import dev.gampplanner.llm.UrsLines;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.FailureMode;
import dev.gampplanner.schema.FailureModeAnalysis;
import dev.gampplanner.schema.RequirementRisk;
import dev.gampplanner.schema.RiskFactorHit;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.structured.Description;

/**
 * LLM mode of the SME agent: for each high and medium risk the analysis rated, the model drafts failure modes with
 * their effects and mitigations, and steps for the tests of that requirement.
 */
public final class SmeDrafts implements DraftSpec<SmeAssessment, SmeDrafts.SmeDraft> {

    public static final String TEMPLATE_VERSION = "sme-draft-1";

    private static final Set<RiskLevel> DRAFTED_LEVELS = EnumSet.of(RiskLevel.HIGH, RiskLevel.MEDIUM);

    private static final String SYSTEM = """
        You are a GxP risk-management expert (ICH Q9(R1), GAMP 5) writing part of a qualification test plan.
        The user message is a JSON document: the requirements of a User Requirements Specification that an FMEA-style
        analysis rated high or medium risk, each with its id, statement, scores, the risk factors that fired and the
        regulatory controls it touches.
        For every requirement listed, name the ways its function can fail (failure mode, the effect on product quality,
        patient safety or data integrity, and a mitigation), then the steps an OQ test of the requirement should take to
        show each failure mode is controlled. Refer to requirements only by the ids given; invent no id.
        Answer with exactly one entry per requirement listed.""";

    /** The model's answer: one analysis per high or medium risk requirement. */
    public record SmeDraft(@Description("one entry per requirement of the user message") List<Risk> risks) {
    }

    public record Risk(@Description("the requirement's id, exactly as given") String requirementId,
                       @Description("at least one way the requirement's function can fail") List<Failure> failureModes,
                       @Description("steps for the OQ test of this requirement, in order") List<String> testSteps) {
    }

    public record Failure(@Description("how the function fails") String mode,
                          @Description("what the failure does to product quality, patient safety or data integrity") String effect,
                          @Description("how the failure is prevented or detected") String mitigation) {
    }

    interface Model {
        SmeDraft draft(TextContent analysis);
    }

    @Override
    public Class<SmeAssessment> payloadType() {
        return SmeAssessment.class;
    }

    @Override
    public String templateVersion() {
        return TEMPLATE_VERSION;
    }

    @Override
    public boolean needsModel(SmeAssessment analysis) {
        return !drafted(analysis).isEmpty();
    }

    @Override
    public Prompt prompt(AgentRequest request, SmeAssessment analysis) {
        Map<String, UrsRequirement> statements = UrsParser.parse(request.getUrs()).requirements().stream()
            .collect(Collectors.toMap(UrsRequirement::id, Function.identity(), (first, second) -> first));
        ObjectNode user = Prompt.object();
        user.put("overallRisk", analysis.getOverallRiskLevel().name());
        for (RequirementRisk risk : drafted(analysis)) {
            UrsRequirement requirement = statements.get(risk.getRequirementId());
            ObjectNode entry = user.withArray("requirements").addObject()
                .put("id", risk.getRequirementId())
                .put("statement", requirement == null ? "" : UrsLines.statement(requirement))
                .put("level", risk.getRiskLevel().name())
                .put("severity", risk.getSeverity())
                .put("occurrence", risk.getOccurrence())
                .put("detectability", risk.getDetectability())
                .put("rpn", risk.getRpn())
                .put("rationale", risk.getRationale());
            for (RiskFactorHit factor : risk.getFactors()) {
                entry.withArray("factors").addObject().put("dimension", factor.getDimension()).put("term", factor.getTerm())
                    .put("reason", factor.getReason());
            }
            risk.getControls().forEach(entry.putArray("controls")::add);
        }
        return Prompt.of(SYSTEM, user);
    }

    @Override
    public SmeDraft ask(ChatModel model, Prompt prompt) {
        return prompt.service(Model.class, model).draft(prompt.userContent());
    }

    @Override
    public void check(SmeDraft draft, SmeAssessment analysis, DraftCheck check) {
        List<String> ids = drafted(analysis).stream().map(RequirementRisk::getRequirementId).toList();
        List<Risk> risks = draft.risks() == null ? List.of() : draft.risks();
        for (Risk risk : risks) {
            if (risk == null) {
                check.malformed("a risk is null");
                continue;
            }
            if (!check.known("high or medium risk requirement", risk.requirementId(), ids)) {
                continue;
            }
            String of = " of requirement " + risk.requirementId();
            if (risk.failureModes() == null || risk.failureModes().isEmpty()) {
                check.malformed("no failure mode" + of);
            } else {
                for (Failure failure : risk.failureModes()) {
                    check.text("a failure mode" + of, failure == null ? null : failure.mode());
                    check.text("the effect of a failure mode" + of, failure == null ? null : failure.effect());
                    check.text("the mitigation of a failure mode" + of, failure == null ? null : failure.mitigation());
                }
            }
            if (risk.testSteps() == null || risk.testSteps().isEmpty()) {
                check.malformed("no test step" + of);
            } else {
                risk.testSteps().forEach(step -> check.text("a test step" + of, step));
            }
        }
        check.covers("requirement", ids, risks.stream().filter(r -> r != null).map(Risk::requirementId).toList());
    }

    @Override
    public SmeAssessment merge(SmeAssessment analysis, SmeDraft draft) {
        Map<String, Risk> byId = draft.risks().stream().collect(Collectors.toMap(Risk::requirementId, Function.identity()));
        return SmeAssessment.newBuilder(analysis)
            .setFailureModes(drafted(analysis).stream().map(risk -> analysisOf(byId.get(risk.getRequirementId()))).toList())
            .build();
    }

    private static FailureModeAnalysis analysisOf(Risk risk) {
        return new FailureModeAnalysis(risk.requirementId(),
            risk.failureModes().stream().map(f -> new FailureMode(f.mode().strip(), f.effect().strip(), f.mitigation().strip())).toList(),
            risk.testSteps().stream().map(String::strip).toList());
    }

    /** The risks the model drafts for, in the analysis's (URS) order; a requirement rated twice is drafted once. */
    private static List<RequirementRisk> drafted(SmeAssessment analysis) {
        Map<String, RequirementRisk> first = new LinkedHashMap<>();
        analysis.getRisks().stream().filter(r -> DRAFTED_LEVELS.contains(r.getRiskLevel()))
            .forEach(r -> first.putIfAbsent(r.getRequirementId(), r));
        return List.copyOf(first.values());
    }
}
