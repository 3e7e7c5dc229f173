package dev.gampplanner.llm;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.gampplanner.schema.codec.Digests;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

/**
 * What the model is asked: a system message from the agent's template, a user message made of the request and the
 * analysis. Both are functions of the request and the knowledge, so replay rebuilds the same digest.
 */
public record Prompt(String system, String user) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Prompt {
        if (system.contains("{{")) {
            throw new IllegalArgumentException("a system message must not hold template variables ({{...}})");
        }
    }

    /** The user message as indented JSON: the analysis's own ids and words, which the draft must keep to. */
    public static Prompt of(String system, JsonNode user) {
        try {
            return new Prompt(system, JSON.writeValueAsString(user));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** A node to build the user message in. */
    public static com.fasterxml.jackson.databind.node.ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * The AiServices proxy of {@code type} over {@code model}, with this prompt's system message. Its one method takes
     * {@link #userContent()}: passed as content, the user message is sent as it is, never read as a template.
     */
    public <S> S service(Class<S> type, ChatModel model) {
        return AiServices.builder(type).chatModel(model).systemMessageProvider(memory -> system).build();
    }

    public TextContent userContent() {
        return TextContent.from(user);
    }

    /** SHA-256 of both messages, each length-prefixed so no two prompts share a digest. */
    public String sha256() {
        return Digests.sha256Hex((system.length() + ":" + system + user.length() + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
