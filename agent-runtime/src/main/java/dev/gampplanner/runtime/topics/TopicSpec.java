package dev.gampplanner.runtime.topics;

import java.util.Map;

/**
 * How a topic must be created.
 *
 * @param configs topic-level configs; audit topics carry {@code retention.ms=-1} and {@code cleanup.policy=delete}
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
