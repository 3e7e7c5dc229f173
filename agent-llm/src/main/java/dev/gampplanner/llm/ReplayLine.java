package dev.gampplanner.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.gampplanner.schema.ExchangeOutcome;
import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Answers each call with the next recorded exchange, without waiting: the draft and the verdict come out as they
 * did live, because they are functions of the exchanges alone.
 */
final class ReplayLine implements ModelLine {

    private final List<ModelExchange> recorded;
    private final List<ModelExchange> exchanges = new ArrayList<>();

    ReplayLine(List<ModelExchange> recorded) {
        this.recorded = List.copyOf(recorded);
    }

    @Override
    public <D> D call(Function<ChatModel, D> ask) {
        if (exchanges.size() >= recorded.size()) {
            throw new IllegalStateException("the replay makes more model calls than the " + recorded.size() + " recorded");
        }
        ModelExchange next = recorded.get(exchanges.size());
        if (next.getOutcome() == ExchangeOutcome.NO_CALL_SLOT) {
            exchanges.add(next);
            throw new ModelCallFailed(next, null);
        }
        return ask.apply(new PlaybackModel(next, exchanges));
    }

    @Override
    public boolean another(Duration wait) {
        return exchanges.size() < recorded.size();
    }

    @Override
    public List<ModelExchange> exchanges() {
        return List.copyOf(exchanges);
    }
}
