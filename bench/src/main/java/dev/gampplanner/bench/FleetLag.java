package dev.gampplanner.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;

/**
 * How far each part of the fleet is behind its input: an agent by its own share-group lag gauge (what operators
 * and the autoscaler read), each planner Streams application by its committed offsets against the end of its input
 * topics, read from the broker as an operator's tooling would (the planner exports no lag gauge of its own).
 */
final class FleetLag {

    private final ServiceFleet fleet;
    private final Admin admin;
    private final String plannerPrefix;

    FleetLag(ServiceFleet fleet, Admin admin, GampConfig config) {
        this.fleet = fleet;
        this.admin = admin;
        this.plannerPrefix = config.topics().plannerApplicationIdPrefix();
    }

    /** Records behind, by series name ("sme share group", "planner intake", ...); NaN where not measured yet. */
    Map<String, Double> sample() throws InterruptedException {
        Map<String, Double> lag = new LinkedHashMap<>();
        for (String agent : ServiceFleet.AGENTS) {
            lag.put(agent + " share group", fleet.shareGroupLag(AgentKind.valueOf(agent.toUpperCase(Locale.ROOT))));
        }
        plannerLag().forEach((application, records) -> lag.put("planner " + application, records));
        return lag;
    }

    /**
     * Each planner application's lag over its input partitions, by the application's name (intake, aggregator);
     * none when the broker could not say.
     */
    private Map<String, Double> plannerLag() throws InterruptedException {
        Map<String, Double> lag = new TreeMap<>();
        try {
            for (GroupListing group : admin.listGroups().all().get()) {
                if (group.groupId().startsWith(plannerPrefix)) {
                    lag.put(group.groupId().substring(plannerPrefix.length()), groupLag(group.groupId()));
                }
            }
        } catch (ExecutionException e) {
            // A broker slow to answer costs this sample its planner lag (shown as not measured), not the soak.
            return Map.of();
        }
        return lag;
    }

    private double groupLag(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long behind = 0;
        for (var entry : committed.entrySet()) {
            if (entry.getValue() != null) {
                behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
            }
        }
        return behind;
    }
}
