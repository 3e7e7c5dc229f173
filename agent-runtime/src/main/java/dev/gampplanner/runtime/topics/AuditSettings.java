package dev.gampplanner.runtime.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The topic settings that make a topic an audit log: nothing is ever deleted or compacted away. */
public final class AuditSettings {

    /** A whole URS travels in plan.requests, agent requests and their DLQs; oversize ones must still arrive to be refused. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private AuditSettings() {
    }

    public static Map<String, String> topicConfigs(int minInsyncReplicas) {
        return Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "cleanup.policy", "delete",
            "min.insync.replicas", String.valueOf(minInsyncReplicas),
            "unclean.leader.election.enable", "false",
            "max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
    }

    /**
     * What in a topic's effective configs could delete or rewrite records; empty when the topic is safe.
     */
    public static List<String> violations(String topic, Map<String, String> effective) {
        List<String> problems = new ArrayList<>();
        String cleanup = effective.getOrDefault("cleanup.policy", "delete");
        if (cleanup.contains("compact")) {
            problems.add(topic + " has cleanup.policy=" + cleanup + ": compaction would remove all but the last record per "
                + "correlation id; set cleanup.policy=delete");
        }
        String retention = effective.getOrDefault("retention.ms", "");
        if (!"-1".equals(retention)) {
            problems.add(topic + " has retention.ms=" + retention + ": records would be deleted after that time; set retention.ms=-1");
        }
        String retentionBytes = effective.getOrDefault("retention.bytes", "-1");
        if (!"-1".equals(retentionBytes)) {
            problems.add(topic + " has retention.bytes=" + retentionBytes + ": old records would be deleted once a partition "
                + "grows past it; set retention.bytes=-1");
        }
        return problems;
    }
}
