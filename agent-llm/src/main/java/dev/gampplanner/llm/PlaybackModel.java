package dev.gampplanner.llm;

import java.util.List;
import java.util.Set;

import dev.gampplanner.schema.ExchangeOutcome;
import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** Answers one call with a recorded exchange: the text the model gave, or the failure it came to. No network. */
final class PlaybackModel implements ChatModel {

    private final ModelExchange recorded;
    private final List<ModelExchange> exchanges;

    PlaybackModel(ModelExchange recorded, List<ModelExchange> exchanges) {
        this.recorded = recorded;
        this.exchanges = exchanges;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        exchanges.add(recorded);
        if (recorded.getOutcome() != ExchangeOutcome.RESPONSE) {
            throw new ModelCallFailed(recorded, null);
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(recorded.getResponse())).build();
    }

    /** As the live model declares, so the same structured-output path parses the recorded text. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
}
