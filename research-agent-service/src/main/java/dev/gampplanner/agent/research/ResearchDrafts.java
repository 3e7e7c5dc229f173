package dev.gampplanner.agent.research;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.llm.DraftCheck;
import dev.gampplanner.llm.DraftSpec;
import dev.gampplanner.llm.Prompt;
import dev.gampplanner.llm.UrsLines;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.GuidanceRationale;
import dev.gampplanner.schema.ResearchFindings;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.structured.Description;

/** LLM mode of the research agent: the model says why each guidance item the ranking found matters for this system. */
public final class ResearchDrafts implements DraftSpec<ResearchFindings, ResearchDrafts.ResearchDraft> {

    public static final String TEMPLATE_VERSION = "research-draft-1";

    /** Enough of the URS to know the system; the profile already summarises the rest. */
    private static final int REQUIREMENTS_SHOWN = 40;

    private static final String SYSTEM = """
        You are a computerized-system validation expert writing part of a GAMP 5 qualification test plan.
        The user message is a JSON document: the system a User Requirements Specification describes, and the regulatory
        guidance items an analysis found relevant to it, each with its id.
        For every guidance item, write two to four sentences on why it matters for this particular system and what it
        changes in how the system is qualified. Refer to items only by the ids given; invent no id, document or date.
        Answer with exactly one entry per guidance item.""";

    /** The model's answer: one reason per guidance item. */
    public record ResearchDraft(@Description("one entry per guidance item of the user message") List<Reason> items) {
    }

    public record Reason(@Description("the guidance item's id, exactly as given") String guidanceId,
                         @Description("why the item matters for this system and how it shapes its qualification") String whyItMatters) {
    }

    interface Model {
        ResearchDraft draft(TextContent analysis);
    }

    @Override
    public Class<ResearchFindings> payloadType() {
        return ResearchFindings.class;
    }

    @Override
    public String templateVersion() {
        return TEMPLATE_VERSION;
    }

    @Override
    public boolean needsModel(ResearchFindings analysis) {
        return !analysis.getItems().isEmpty();
    }

    @Override
    public Prompt prompt(AgentRequest request, ResearchFindings analysis) {
        ObjectNode user = Prompt.object();
        ObjectNode system = user.putObject("system");
        system.put("gampCategory", analysis.getCategory());
        analysis.getSystemTypes().forEach(system.putArray("systemTypes")::add);
        analysis.getRequirementKinds().forEach(system.putArray("requirementTopics")::add);
        system.set("requirements", UrsLines.of(request.getUrs(), REQUIREMENTS_SHOWN));
        for (GuidanceFinding item : analysis.getItems()) {
            ObjectNode entry = user.withArray("guidance").addObject()
                .put("id", item.getId())
                .put("title", item.getTitle())
                .put("issuer", item.getIssuer())
                .put("published", item.getPublished())
                .put("status", item.getGuidanceStatus().name())
                .put("testingImplications", item.getTestingImplications());
            item.getKeyPoints().forEach(entry.putArray("keyPoints")::add);
        }
        return Prompt.of(SYSTEM, user);
    }

    @Override
    public ResearchDraft ask(ChatModel model, Prompt prompt) {
        return prompt.service(Model.class, model).draft(prompt.userContent());
    }

    @Override
    public void check(ResearchDraft draft, ResearchFindings analysis, DraftCheck check) {
        List<String> ids = analysis.getItems().stream().map(GuidanceFinding::getId).toList();
        List<Reason> reasons = draft.items() == null ? List.of() : draft.items();
        for (Reason reason : reasons) {
            if (reason == null) {
                check.malformed("an item is null");
            } else if (check.known("guidance item", reason.guidanceId(), ids)) {
                check.text("why guidance item " + reason.guidanceId() + " matters", reason.whyItMatters());
            }
        }
        check.covers("guidance item", ids, reasons.stream().filter(r -> r != null).map(Reason::guidanceId).toList());
    }

    @Override
    public ResearchFindings merge(ResearchFindings analysis, ResearchDraft draft) {
        Map<String, String> reasons = draft.items().stream().collect(Collectors.toMap(Reason::guidanceId, r -> r.whyItMatters().strip()));
        return ResearchFindings.newBuilder(analysis)
            .setRationales(analysis.getItems().stream()
                .map(item -> new GuidanceRationale(item.getId(), reasons.get(item.getId()))).toList())
            .build();
    }
}
