package dev.gampplanner.llm;

import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.agent.Answer;
import dev.gampplanner.schema.AgentMode;
import dev.gampplanner.schema.AgentRequest;

/**
 * An agent in LLM mode: its deterministic analysis first, then the model's draft on top of it, checked against it.
 * Versions are the analyst's; the prompt template's version travels with each result.
 */
final class DraftingAgent<P extends SpecificRecord, D> implements Agent {

    private final Agent analyst;
    private final DraftSpec<P, D> spec;
    private final String model;
    private final Drafting<P, D> drafting;
    private final Function<AgentRequest, ModelLine> lines;

    DraftingAgent(Agent analyst, DraftSpec<P, D> spec, String model, Drafting<P, D> drafting, Function<AgentRequest, ModelLine> lines) {
        this.analyst = analyst;
        this.spec = spec;
        this.model = model;
        this.drafting = drafting;
        this.lines = lines;
    }

    @Override
    public AgentIdentity identity() {
        return analyst.identity();
    }

    @Override
    public AgentMode mode() {
        return AgentMode.LLM;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public SpecificRecord analyse(AgentRequest request) throws AgentException {
        return answer(request).payload();
    }

    @Override
    public Answer answer(AgentRequest request) throws AgentException {
        P analysis = spec.payloadType().cast(analyst.analyse(request));
        return drafting.draft(request, analysis, lines.apply(request));
    }
}
