package dev.gampplanner.runtime.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.gampplanner.schema.AgentKind;

/**
 * The one list of GAMP Planner's topics. Every service asks it for names; nothing else spells them.
 *
 * <p>Every topic except the DLQs is an audit topic: records are kept forever and never compacted.
 * DLQs keep their records forever too, as evidence of what was refused.
 */
public record TopicCatalog(String prefix) {

    public static final String DLQ_SUFFIX = ".dlq";
    /** Every planner Streams application is named with it, so one prefix covers their groups, transactions and internal topics. */
    public static final String PLANNER_APPLICATION_PREFIX = "planner-";

    public TopicCatalog {
        if (prefix == null) {
            prefix = "";
        }
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix '" + prefix + "' may use only letters, digits, '.', '_' and '-'");
        }
    }

    public String planRequests() {
        return prefix + "plan.requests";
    }

    public String coordination() {
        return prefix + "plan.coordination";
    }

    public String agentRequests(AgentKind agent) {
        return prefix + "agent." + agentName(agent) + ".requests";
    }

    public String agentResults(AgentKind agent) {
        return prefix + "agent." + agentName(agent) + ".results";
    }

    public String merged() {
        return prefix + "plan.merged";
    }

    public String lateResults() {
        return prefix + "plan.late-results";
    }

    public String rejected() {
        return prefix + "plan.rejected";
    }

    /** The services' public signing keys and their validity, written by the administrator only. */
    public String signingKeys() {
        return prefix + "security.signing-keys";
    }

    public static String deadLetterQueueOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Topics consumed by a service, each with a DLQ for what it cannot decode. */
    public List<String> inputTopics() {
        List<String> inputs = new ArrayList<>();
        inputs.add(planRequests());
        inputs.add(coordination());
        for (AgentKind agent : AgentKind.values()) {
            inputs.add(agentRequests(agent));
            inputs.add(agentResults(agent));
        }
        return List.copyOf(inputs);
    }

    /** Every topic that records the life of a plan, and the keys its records are signed with: kept forever, never compacted. */
    public List<String> auditTopics() {
        List<String> audit = new ArrayList<>(inputTopics());
        audit.add(merged());
        audit.add(lateResults());
        audit.add(rejected());
        audit.add(signingKeys());
        return List.copyOf(audit);
    }

    public List<String> deadLetterQueues() {
        return inputTopics().stream().map(TopicCatalog::deadLetterQueueOf).toList();
    }

    public List<String> allTopics() {
        List<String> all = new ArrayList<>(auditTopics());
        all.addAll(deadLetterQueues());
        return List.copyOf(all);
    }

    /** Prefix for consumer groups, share groups and Streams application ids. */
    public String groupId(String name) {
        return prefix + "gamp-" + name;
    }

    /** The share group an agent's workers consume its requests in. */
    public String shareGroup(AgentKind agent) {
        return groupId(agentName(agent) + "-agent");
    }

    /** The start of every planner Streams application id. */
    public String plannerApplicationIdPrefix() {
        return groupId(PLANNER_APPLICATION_PREFIX);
    }

    public static String agentName(AgentKind agent) {
        return agent.name().toLowerCase(Locale.ROOT);
    }
}
