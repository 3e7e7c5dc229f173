package dev.gampplanner.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.schema.AgentKind;

/**
 * What the test server drafts: for each item of the agent's prompt, the fields its draft schema asks for, in words
 * made from the prompt, so a test can tell the model's parts in the plan.
 */
final class ProtocolDrafts {

    static final String INVENTED_ID = "URS-INVENTED-999";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtocolDrafts() {
    }

    /** The agent a call is for, from the name of the JSON schema it asks the answer in. */
    static AgentKind agentOf(JsonNode request) {
        String schema = request.path("response_format").path("json_schema").path("name").asText();
        return switch (schema) {
            case "ContextDraft" -> AgentKind.CONTEXT;
            case "SmeDraft" -> AgentKind.SME;
            case "ResearchDraft" -> AgentKind.RESEARCH;
            default -> throw new IllegalArgumentException("no draft schema in the request: '" + schema + "'");
        };
    }

    static String rootProperty(AgentKind agent) {
        return switch (agent) {
            case CONTEXT -> "requirements";
            case SME -> "risks";
            case RESEARCH -> "items";
        };
    }

    static ObjectNode good(AgentKind agent, JsonNode prompt) {
        ObjectNode draft = JSON.createObjectNode();
        ArrayNode entries = draft.putArray(rootProperty(agent));
        switch (agent) {
            case CONTEXT -> prompt.path("requirements").forEach(requirement -> {
                ObjectNode entry = entries.addObject().put("requirementId", requirement.get("id").asText())
                    .put("interpretation", "Model reading of " + requirement.get("id").asText() + ": the system must "
                        + requirement.get("text").asText());
                ArrayNode clauses = entry.putArray("clauses");
                requirement.path("clauses").forEach(clause -> clauses.addObject().put("passageId", clause.get("passageId").asText())
                    .put("whyItApplies", clause.get("citation").asText() + " governs " + requirement.get("id").asText()));
            });
            case SME -> prompt.path("requirements").forEach(requirement -> {
                ObjectNode entry = entries.addObject().put("requirementId", requirement.get("id").asText());
                entry.putArray("failureModes").addObject()
                    .put("mode", "Model failure mode of " + requirement.get("id").asText())
                    .put("effect", "records lose integrity")
                    .put("mitigation", "validated controls");
                entry.putArray("testSteps").add("Exercise " + requirement.get("id").asText()).add("Verify the audit trail");
            });
            case RESEARCH -> prompt.path("guidance").forEach(item -> entries.addObject().put("guidanceId", item.get("id").asText())
                .put("whyItMatters", "Model rationale: " + item.get("title").asText() + " applies to this system"));
        }
        return draft;
    }

    /** A good draft whose first entry names an id the prompt never listed. */
    static ObjectNode invented(AgentKind agent, JsonNode prompt) {
        ObjectNode draft = good(agent, prompt);
        ObjectNode first = (ObjectNode) draft.get(rootProperty(agent)).get(0);
        first.put(agent == AgentKind.RESEARCH ? "guidanceId" : "requirementId", INVENTED_ID);
        return draft;
    }
}
