package dev.gampplanner.llm;

import java.util.List;
import java.util.Set;

import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

/** The live model, with every exchange written down as it happens: the answer's text, or how the call failed. */
final class RecordingModel implements ChatModel {

    private final ChatModel live;
    private final List<ModelExchange> exchanges;

    RecordingModel(ChatModel live, List<ModelExchange> exchanges) {
        this.live = live;
        this.exchanges = exchanges;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatResponse response;
        try {
            response = live.chat(request);
        } catch (RuntimeException e) {
            ModelCallFailed failure = Exchanges.failure(e);
            exchanges.add(failure.exchange());
            throw failure;
        }
        String text = response.aiMessage().text();
        exchanges.add(Exchanges.response(text == null ? "" : text, String.valueOf(response.finishReason())));
        return response;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return live.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return live.supportedCapabilities();
    }
}
