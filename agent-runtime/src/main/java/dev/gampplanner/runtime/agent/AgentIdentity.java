package dev.gampplanner.runtime.agent;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.schema.AgentKind;

/**
 * Who answered: the agent's kind, the version of its logic and of the knowledge it reasons from,
 * stamped on every result.
 */
public record AgentIdentity(AgentKind kind, String version, String knowledgeBaseVersion) {

    private static final Logger LOG = LoggerFactory.getLogger(AgentIdentity.class);

    public AgentIdentity {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(version);
        Objects.requireNonNull(knowledgeBaseVersion);
    }

    /**
     * Loads an agent's knowledge once at start-up and logs what was loaded and how long it took, the same
     * line for every agent.
     *
     * @param describe what an operator should see of the knowledge ("122 passages indexed")
     */
    public static <K> K loadKnowledge(AgentKind kind, Supplier<K> load, Function<K, String> version, Function<K, String> describe) {
        long start = System.nanoTime();
        K knowledge = load.get();
        LOG.info("{} knowledge {}: {}, loaded in {} ms", kind.name().toLowerCase(Locale.ROOT), version.apply(knowledge),
            describe.apply(knowledge), (System.nanoTime() - start) / 1_000_000);
        return knowledge;
    }
}
