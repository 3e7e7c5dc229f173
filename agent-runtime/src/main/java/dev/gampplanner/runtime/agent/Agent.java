package dev.gampplanner.runtime.agent;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentMode;
import dev.gampplanner.schema.AgentRequest;

/**
 * A specialist that answers one kind of AgentRequest.
 *
 * <p>The default agents are pure functions of (request, knowledge-base version): the same request
 * always yields the same payload, so an auditor can re-run a recorded request and compare bytes. In LLM
 * mode an agent is also a function of the model's answers, which its results record, so replay feeds
 * them back instead of calling the model.
 */
public interface Agent {

    /** Kind, version of the agent's logic and of the knowledge it reasons from, stamped on every result. */
    AgentIdentity identity();

    default AgentKind kind() {
        return identity().kind();
    }

    /**
     * Analyses the request's URS and returns the agent's payload record.
     *
     * @throws AgentException for a failure the agent can name; anything else is treated as a permanent failure
     */
    SpecificRecord analyse(AgentRequest request) throws AgentException;

    /** How the agent drafts; stamped on every result it answers, failures included. */
    default AgentMode mode() {
        return AgentMode.DETERMINISTIC;
    }

    /** The model that drafts in LLM mode, null otherwise. */
    default String model() {
        return null;
    }

    /**
     * The findings on a request, with the record of how a model drafted them. A deterministic agent answers its
     * analysis, with nothing to record.
     *
     * @throws AgentException as {@link #analyse}; in LLM mode carrying the record of the calls that led to the failure
     */
    default Answer answer(AgentRequest request) throws AgentException {
        return new Answer(analyse(request), null);
    }
}
