package dev.gampplanner.runtime.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.GampConfig;

/**
 * Creates GAMP Planner's topics and checks the ones that exist.
 *
 * <p>Checks are strict where the contract depends on them: every plan topic must have the same
 * partition count (records of a plan are co-partitioned by correlation id), and no audit topic may
 * delete or compact records.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final String MISSING = " does not exist; run 'gamp topics apply'";
    private static final java.time.Duration METADATA_PROPAGATION = java.time.Duration.ofSeconds(30);

    private final Admin admin;
    private final GampConfig config;
    private Short replicationFactor;

    public TopicProvisioner(Admin admin, GampConfig config) {
        this.admin = admin;
        this.config = config;
    }

    /** What {@link #apply()} found and did. */
    public record Report(List<String> created, List<String> unchanged, List<String> problems, short replicationFactor,
                         int minInsyncReplicas) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The specs of every topic for this cluster: replication capped at the broker count. */
    public List<TopicSpec> specs() {
        short rf = effectiveReplicationFactor();
        int minIsr = effectiveMinInsyncReplicas(rf);
        Map<String, String> audit = AuditSettings.topicConfigs(minIsr);
        List<TopicSpec> specs = new ArrayList<>();
        TopicCatalog topics = config.topics();
        for (String topic : topics.allTopics()) {
            Map<String, String> configs = new HashMap<>(audit);
            if (topic.equals(topics.planRequests())) {
                // The broker, not the submitter's clock, attests when a request arrived.
                configs.put("message.timestamp.type", "LogAppendTime");
            }
            specs.add(new TopicSpec(topic, config.partitions(), rf, configs));
        }
        return specs;
    }

    /** Creates what is missing and checks what exists. Never alters an existing topic. */
    public Report apply() {
        return apply(specs());
    }

    private Report apply(List<TopicSpec> specs) {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> existing = describeExisting(names);
        Map<String, TopicDescription> present = existing;
        List<String> created = new ArrayList<>();
        List<NewTopic> toCreate = specs.stream().filter(s -> !existing.containsKey(s.name()))
            .map(s -> new NewTopic(s.name(), s.partitions(), s.replicationFactor()).configs(s.configs()))
            .toList();
        if (!toCreate.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(toCreate).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get();
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topics", e);
                }
            }
            awaitVisible(names);
            present = describeExisting(names);
        }
        List<String> problems = new ArrayList<>(check(names, present));
        List<String> unchanged = specs.stream().map(TopicSpec::name).filter(n -> !created.contains(n)).toList();
        short rf = effectiveReplicationFactor();
        if (!created.isEmpty()) {
            log.info("created {} topics (replication factor {}, min.insync.replicas {})", created.size(), rf,
                effectiveMinInsyncReplicas(rf));
        }
        return new Report(created, unchanged, problems, rf, effectiveMinInsyncReplicas(rf));
    }

    /**
     * Problems with the topics as they are: missing topics, unequal partition counts, and audit topics
     * that could delete or compact records.
     */
    public List<String> check(List<TopicSpec> specs) {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        return check(names, describeExisting(names));
    }

    private List<String> check(List<String> names, Map<String, TopicDescription> existing) {
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            if (!existing.containsKey(name)) {
                problems.add(name + MISSING);
            }
        }
        Map<Integer, List<String>> byPartitions = existing.values().stream().collect(Collectors.groupingBy(
            d -> d.partitions().size(), LinkedHashMap::new, Collectors.mapping(TopicDescription::name, Collectors.toList())));
        if (byPartitions.size() > 1) {
            problems.add("plan topics must be co-partitioned but their partition counts differ: " + byPartitions);
        }
        problems.addAll(auditViolations(existing.keySet()));
        return problems;
    }

    /**
     * What every service does before it starts: creates the topics it reads or writes where they are missing, then
     * refuses to run against any of them that could lose records. A service looks at its own topics only; on a
     * secured cluster it may see no others.
     *
     * @throws IllegalStateException naming each offending topic and setting, and why it matters
     */
    public void prepareForService(Collection<String> topics) {
        List<TopicSpec> own = specs().stream().filter(spec -> topics.contains(spec.name())).toList();
        // apply() ends with the check; a start-up needs another round of describe calls only while a topic is missing.
        List<String> problems = apply(own).problems();
        // On a cluster, a broker that has just restarted may not know a topic another broker created a moment ago.
        long giveUp = System.nanoTime() + METADATA_PROPAGATION.toNanos();
        while (problems.stream().anyMatch(p -> p.endsWith(MISSING)) && System.nanoTime() < giveUp) {
            pause();
            problems = check(own);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: the audit topics are not safe to write to:\n  - "
                + String.join("\n  - ", problems));
        }
    }

    private List<String> auditViolations(Collection<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<ConfigResource, KafkaFuture<Config>> entry : admin.describeConfigs(resources).values().entrySet()) {
            String topic = entry.getKey().name();
            try {
                Map<String, String> effective = entry.getValue().get().entries().stream()
                    .filter(e -> e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
                problems.addAll(AuditSettings.violations(topic, effective));
            } catch (ExecutionException e) {
                // The broker asked may not know a topic another one has just created.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot read the configs of " + topic + ": " + e.getCause().getMessage(), e);
                }
                problems.add(topic + MISSING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading topic configs", e);
            }
        }
        problems.sort(String::compareTo);
        return problems;
    }

    /** Created topics reach every broker's metadata a moment after creation; checks must not race them. */
    private void awaitVisible(List<String> names) {
        long giveUp = System.nanoTime() + METADATA_PROPAGATION.toNanos();
        while (describeExisting(names).size() < names.size() && System.nanoTime() < giveUp) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic metadata", e);
        }
    }

    private Map<String, TopicDescription> describeExisting(List<String> names) {
        Map<String, TopicDescription> existing = new LinkedHashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            try {
                existing.put(name, future.get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topics", e);
            }
        });
        return existing;
    }

    private short effectiveReplicationFactor() {
        if (replicationFactor == null) {
            int brokers = brokerCount();
            replicationFactor = (short) Math.min(brokers, config.replicationFactor());
            if (brokers < config.replicationFactor()) {
                log.warn("the cluster has {} broker(s): topics get replication factor {} instead of {}; "
                    + "production needs 3 brokers for RF 3 and min.insync.replicas 2", brokers, brokers, config.replicationFactor());
            }
        }
        return replicationFactor;
    }

    private int effectiveMinInsyncReplicas(short replicationFactor) {
        return Math.max(1, Math.min(config.minInsyncReplicas(), replicationFactor - 1));
    }

    private int brokerCount() {
        try {
            return admin.describeCluster().nodes().get().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers() + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        }
    }
}
