package dev.gampplanner.runtime.topics;

import java.util.Locale;
import java.util.Optional;

import dev.gampplanner.schema.AgentKind;

/** Who uses GAMP Planner's topics: each service, the upstream systems that submit requests, and auditors. */
public enum Role {
    PLANNER,
    CONTEXT,
    SME,
    RESEARCH,
    SUBMITTER,
    AUDITOR;

    /** The role of an agent service. */
    public static Role of(AgentKind agent) {
        return valueOf(agent.name());
    }

    /** The agent this role runs, if it is an agent's. */
    public Optional<AgentKind> agent() {
        for (AgentKind kind : AgentKind.values()) {
            if (kind.name().equals(name())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The role's name as principals and files spell it: planner, context, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
