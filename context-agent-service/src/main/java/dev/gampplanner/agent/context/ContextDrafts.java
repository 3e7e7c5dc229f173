package dev.gampplanner.agent.context;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.llm.DraftCheck;
import dev.gampplanner.llm.DraftSpec;
import dev.gampplanner.llm.Prompt;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ClauseRationale;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementClauses;
import dev.gampplanner.schema.RequirementInterpretation;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.structured.Description;

/**
 * LLM mode of the context agent: the model interprets each requirement and says why each regulatory clause the
 * retrieval attached to it applies.
 */
public final class ContextDrafts implements DraftSpec<ContextFindings, ContextDrafts.ContextDraft> {

    public static final String TEMPLATE_VERSION = "context-draft-1";

    private static final String SYSTEM = """
        You are a computerized-system validation expert (21 CFR Part 11, EU GMP Annex 11, GAMP 5, ALCOA+) writing part
        of a qualification test plan.
        The user message is a JSON document: the requirements of a User Requirements Specification, each with its id,
        and the regulatory clauses a retrieval attached to it, each with its passage id and an excerpt.
        For every requirement, state in one or two sentences what it asks of the system in testable terms; then, for
        every clause attached to it, say in one or two sentences why that clause applies to the requirement.
        Refer to requirements and clauses only by the ids given, and to a clause only under the requirement it is
        attached to; invent no id. Answer with exactly one entry per requirement.""";

    /** The model's answer: one interpretation per requirement. */
    public record ContextDraft(@Description("one entry per requirement of the user message") List<Reading> requirements) {
    }

    public record Reading(@Description("the requirement's id, exactly as given") String requirementId,
                          @Description("what the requirement asks of the system, in testable terms") String interpretation,
                          @Description("one entry per clause attached to this requirement") List<ClauseReason> clauses) {
    }

    public record ClauseReason(@Description("the clause's passage id, exactly as given") String passageId,
                               @Description("why the clause applies to this requirement") String whyItApplies) {
    }

    interface Model {
        ContextDraft draft(TextContent analysis);
    }

    @Override
    public Class<ContextFindings> payloadType() {
        return ContextFindings.class;
    }

    @Override
    public String templateVersion() {
        return TEMPLATE_VERSION;
    }

    @Override
    public boolean needsModel(ContextFindings analysis) {
        return !analysis.getRequirements().isEmpty();
    }

    @Override
    public Prompt prompt(AgentRequest request, ContextFindings analysis) {
        Map<String, List<ClauseMatch>> clauses = clausesByRequirement(analysis);
        ObjectNode user = Prompt.object();
        user.put("system", analysis.getTitle());
        if (analysis.getSystemType() != null) {
            user.put("systemType", analysis.getSystemType());
        }
        for (Requirement requirement : analysis.getRequirements()) {
            ObjectNode entry = user.withArray("requirements").addObject()
                .put("id", requirement.getId())
                .put("section", requirement.getSection())
                .put("kind", requirement.getKind())
                .put("text", requirement.getText());
            requirement.getDetails().forEach(entry.putArray("details")::add);
            for (ClauseMatch clause : clauses.getOrDefault(requirement.getId(), List.of())) {
                entry.withArray("clauses").addObject()
                    .put("passageId", clause.getPassageId())
                    .put("citation", clause.getCitation())
                    .put("title", clause.getTitle())
                    .put("excerpt", clause.getExcerpt());
            }
        }
        return Prompt.of(SYSTEM, user);
    }

    @Override
    public ContextDraft ask(ChatModel model, Prompt prompt) {
        return prompt.service(Model.class, model).draft(prompt.userContent());
    }

    @Override
    public void check(ContextDraft draft, ContextFindings analysis, DraftCheck check) {
        Map<String, List<String>> attached = clausesByRequirement(analysis).entrySet().stream().collect(Collectors.toMap(
            Map.Entry::getKey, e -> e.getValue().stream().map(ClauseMatch::getPassageId).toList()));
        List<String> ids = analysis.getRequirements().stream().map(Requirement::getId).distinct().toList();
        List<Reading> readings = draft.requirements() == null ? List.of() : draft.requirements();
        for (Reading reading : readings) {
            if (reading == null) {
                check.malformed("a requirement is null");
                continue;
            }
            if (!check.known("requirement", reading.requirementId(), ids)) {
                continue;
            }
            String id = reading.requirementId();
            check.text("the interpretation of requirement " + id, reading.interpretation());
            List<String> expected = attached.getOrDefault(id, List.of());
            List<ClauseReason> reasons = reading.clauses() == null ? List.of() : reading.clauses();
            for (ClauseReason reason : reasons) {
                if (reason == null) {
                    check.malformed("a clause of requirement " + id + " is null");
                } else if (check.known("clause of requirement " + id, reason.passageId(), expected)) {
                    check.text("why clause " + reason.passageId() + " applies to requirement " + id, reason.whyItApplies());
                }
            }
            check.covers("clause of requirement " + id, expected,
                reasons.stream().filter(r -> r != null).map(ClauseReason::passageId).toList());
        }
        check.covers("requirement", ids, readings.stream().filter(r -> r != null).map(Reading::requirementId).toList());
    }

    @Override
    public ContextFindings merge(ContextFindings analysis, ContextDraft draft) {
        Map<String, Reading> byId = draft.requirements().stream().collect(Collectors.toMap(Reading::requirementId, Function.identity()));
        Map<String, List<ClauseMatch>> clauses = clausesByRequirement(analysis);
        return ContextFindings.newBuilder(analysis)
            .setInterpretations(analysis.getRequirements().stream().map(Requirement::getId).distinct().map(id -> {
                Map<String, String> why = byId.get(id).clauses().stream()
                    .collect(Collectors.toMap(ClauseReason::passageId, reason -> reason.whyItApplies().strip()));
                return new RequirementInterpretation(id, byId.get(id).interpretation().strip(),
                    clauses.getOrDefault(id, List.of()).stream()
                        .map(clause -> new ClauseRationale(clause.getPassageId(), why.get(clause.getPassageId()))).toList());
            }).toList())
            .build();
    }

    /** The clauses the retrieval attached to each requirement; a requirement traced twice keeps its first trace. */
    private static Map<String, List<ClauseMatch>> clausesByRequirement(ContextFindings analysis) {
        return analysis.getTraces().stream().collect(Collectors.toMap(RequirementClauses::getRequirementId,
            RequirementClauses::getClauses, (first, second) -> first));
    }
}
