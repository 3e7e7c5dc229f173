package dev.gampplanner.llm;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.AgentRequest;
import dev.langchain4j.model.chat.ChatModel;

/**
 * What one agent asks a model for in LLM mode, and how it checks and keeps the answer.
 *
 * @param <P> the agent's payload record, which the deterministic analysis fills and the draft adds to
 * @param <D> the draft: a Java record the model answers through a strict JSON schema
 */
public interface DraftSpec<P extends SpecificRecord, D> {

    Class<P> payloadType();

    /** Version of the prompt templates, recorded on every result drafted with them. */
    String templateVersion();

    /** False when the analysis leaves nothing to draft (no high or medium risk, no guidance item): no call is made. */
    boolean needsModel(P analysis);

    Prompt prompt(AgentRequest request, P analysis);

    /** One structured call: an AiServices interface returning {@code D}, over {@code model}. */
    D ask(ChatModel model, Prompt prompt);

    /**
     * Reports every id of the draft the analysis did not produce as invented, and every gap (a missing or blank part,
     * an item drafted twice) as a schema problem.
     */
    void check(D draft, P analysis, DraftCheck check);

    /** The analysis with the draft's parts added, in the analysis's order. */
    P merge(P analysis, D draft);
}
