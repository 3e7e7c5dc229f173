package dev.gampplanner.llm;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.model.chat.ChatModel;

/** The way to the model for one request: the live server within the request's budget, or the record of a past run. */
interface ModelLine {

    /**
     * Makes one call through {@code ask}, writing the exchange down.
     *
     * @throws ModelCallFailed when the call brought no answer
     */
    <D> D call(Function<ChatModel, D> ask);

    /** Whether to call once more after waiting {@code wait}: live, while calls and budget remain; in replay, while the record goes on. */
    boolean another(Duration wait);

    /** Every exchange so far, in order. */
    List<ModelExchange> exchanges();
}
