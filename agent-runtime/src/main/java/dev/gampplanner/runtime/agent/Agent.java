package dev.gampplanner.runtime.agent;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

/**
 * A specialist that answers one kind of AgentRequest.
 *
 * <p>The default agents are pure functions of (request, knowledge-base version): the same request
 * always yields the same payload, so an auditor can re-run a recorded request and compare bytes.
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
}
