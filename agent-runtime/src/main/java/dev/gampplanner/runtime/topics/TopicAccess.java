package dev.gampplanner.runtime.topics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import dev.gampplanner.schema.AgentKind;

/**
 * Who reads and writes what, derived from the one topic catalog: the least each {@link Role} needs, and nothing
 * else. A service reads its inputs and writes its outputs and the DLQs of its inputs; it may also read the
 * configs of those topics, because it refuses to start on an audit topic that could delete records.
 * An agent's share group needs READ on the group and on the topic; the planner's Streams applications
 * their consumer groups, transactional ids and internal topics, all by the applications' id prefix.
 */
public record TopicAccess(TopicCatalog topics) {

    /** One ACL: {@code operation} allowed on the resource, for whichever principal holds the grant. */
    public record Grant(ResourceType resourceType, String name, PatternType patternType, AclOperation operation) {

        public AclBinding binding(String principal) {
            return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** The SCRAM user of a role: its label under the deployment's topic prefix, so deployments sharing a cluster never share a user. */
    public String userName(Role role) {
        return topics.prefix() + role.label();
    }

    public String principal(Role role) {
        return "User:" + userName(role);
    }

    /** The topics a role reads. */
    public List<String> reads(Role role) {
        return switch (role) {
            case PLANNER -> {
                List<String> inputs = new ArrayList<>(List.of(topics.planRequests(), topics.coordination()));
                for (AgentKind agent : AgentKind.values()) {
                    inputs.add(topics.agentResults(agent));
                }
                inputs.add(topics.signingKeys());
                yield List.copyOf(inputs);
            }
            case CONTEXT, SME, RESEARCH -> List.of(topics.agentRequests(role.agent().orElseThrow()));
            case SUBMITTER -> List.of(topics.merged(), topics.rejected());
            case AUDITOR -> topics.allTopics();
        };
    }

    /** The topics a role writes: its outputs, and the DLQ of each topic a service consumes. */
    public List<String> writes(Role role) {
        return switch (role) {
            case PLANNER -> {
                List<String> outputs = new ArrayList<>(List.of(topics.coordination()));
                for (AgentKind agent : AgentKind.values()) {
                    outputs.add(topics.agentRequests(agent));
                }
                outputs.addAll(List.of(topics.merged(), topics.lateResults(), topics.rejected()));
                reads(role).stream().filter(topic -> !topic.equals(topics.signingKeys()))
                    .map(TopicCatalog::deadLetterQueueOf).forEach(outputs::add);
                yield List.copyOf(outputs);
            }
            case CONTEXT, SME, RESEARCH -> {
                AgentKind agent = role.agent().orElseThrow();
                yield List.of(topics.agentResults(agent), TopicCatalog.deadLetterQueueOf(topics.agentRequests(agent)));
            }
            case SUBMITTER -> List.of(topics.planRequests());
            case AUDITOR -> List.of();
        };
    }

    /** The role that writes a topic: each GAMP topic has exactly one (the signing keys, the administrator's, have none). */
    public Optional<Role> writer(String topic) {
        for (Role role : Role.values()) {
            if (writes(role).contains(topic)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Every topic a role reads or writes, once each, in catalog order of first use. */
    public List<String> topicsOf(Role role) {
        Set<String> used = new LinkedHashSet<>(reads(role));
        used.addAll(writes(role));
        return List.copyOf(used);
    }

    /** Every ACL the role needs. */
    public List<Grant> grants(Role role) {
        List<Grant> grants = new ArrayList<>();
        reads(role).forEach(topic -> grants.add(topic(topic, AclOperation.READ)));
        writes(role).forEach(topic -> grants.add(topic(topic, AclOperation.WRITE)));
        switch (role) {
            case PLANNER -> {
                topicsOf(role).forEach(topic -> grants.add(topic(topic, AclOperation.DESCRIBE_CONFIGS)));
                String applications = topics.plannerApplicationIdPrefix();
                grants.add(new Grant(ResourceType.GROUP, applications, PatternType.PREFIXED, AclOperation.READ));
                grants.add(new Grant(ResourceType.TRANSACTIONAL_ID, applications, PatternType.PREFIXED, AclOperation.WRITE));
                // Changelogs and other internal topics are named <application id>-...; Streams creates and uses them.
                for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE)) {
                    grants.add(new Grant(ResourceType.TOPIC, applications, PatternType.PREFIXED, operation));
                }
            }
            case CONTEXT, SME, RESEARCH -> {
                topicsOf(role).forEach(topic -> grants.add(topic(topic, AclOperation.DESCRIBE_CONFIGS)));
                String group = topics.shareGroup(role.agent().orElseThrow());
                grants.add(new Grant(ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ));
                // The agent sets its own share group's delivery settings (lock duration, delivery limit) at start-up.
                grants.add(new Grant(ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.ALTER_CONFIGS));
            }
            case SUBMITTER, AUDITOR -> {
                // Clients that assign partitions themselves: no group, no configs.
            }
        }
        return List.copyOf(grants);
    }

    private static Grant topic(String name, AclOperation operation) {
        return new Grant(ResourceType.TOPIC, name, PatternType.LITERAL, operation);
    }
}
