package dev.gampplanner.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;

/**
 * Where a plan's time goes, hop by hop: when each of its records became readable, as written (read uncommitted) and
 * once its transaction committed (read committed), seen by two consumers of the bench's own beside the services. The
 * request is readable at once; the intake's PlanOpened is written as it processes the request and readable with its
 * commit, with the AgentRequests of the same transaction; the agents' results are not transactional; the aggregator's
 * MergedPlan is written as it processes the last result and readable with its commit.
 */
final class HopClock implements AutoCloseable {

    /** The hops in the order a plan crosses them, each from the end of the one before. */
    enum Hop {
        INTAKE("hopIntakeMs", "intake processing"),
        INTAKE_COMMIT("hopIntakeCommitMs", "its commit"),
        AGENTS("hopAgentsMs", "agents, to the last result written"),
        AGGREGATOR("hopAggregatorMs", "aggregator processing"),
        AGGREGATOR_COMMIT("hopAggregatorCommitMs", "its commit");

        final String figure;
        final String label;

        Hop(String figure, String label) {
            this.figure = figure;
            this.label = label;
        }
    }

    private static final Duration POLL = Duration.ofMillis(1);

    private final TopicCatalog topics;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final List<Thread> watchers = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private HopClock(TopicCatalog topics) {
        this.topics = topics;
    }

    /** Starts watching the plan's topics from their ends. */
    static HopClock start(GampConfig config) {
        HopClock clock = new HopClock(config.topics());
        List<String> watched = new ArrayList<>(List.of(config.topics().planRequests(), config.topics().coordination(),
            config.topics().merged()));
        for (AgentKind agent : AgentKind.values()) {
            watched.add(config.topics().agentResults(agent));
        }
        clock.watch(config, watched, IsolationLevel.READ_UNCOMMITTED, clock.written);
        clock.watch(config, watched, IsolationLevel.READ_COMMITTED, clock.committed);
        return clock;
    }

    private void watch(GampConfig config, List<String> watched, IsolationLevel isolation, Map<String, Long> seen) {
        String name = "bench-hops-" + isolation.toString().toLowerCase(Locale.ROOT);
        KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, name, null, isolation);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : watched) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        seen.putIfAbsent(record.topic() + " " + new String(record.key(), StandardCharsets.UTF_8), System.nanoTime());
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        watchers.add(thread);
    }

    /**
     * Each hop's duration per plan, in milliseconds, for the plans of {@code ids} every record of which was seen both
     * ways; a plan a record of which was missed (written before the watch began) is left out.
     */
    Map<Hop, List<Double>> hops(Set<String> ids) {
        Map<Hop, List<Double>> hops = new LinkedHashMap<>();
        for (Hop hop : Hop.values()) {
            hops.put(hop, new ArrayList<>());
        }
        for (String id : ids) {
            Long request = written.get(topics.planRequests() + " " + id);
            Long opened = written.get(topics.coordination() + " " + id);
            Long openedCommitted = committed.get(topics.coordination() + " " + id);
            Long lastResult = Long.MIN_VALUE;
            for (AgentKind agent : AgentKind.values()) {
                Long result = written.get(topics.agentResults(agent) + " " + id);
                lastResult = result == null || lastResult == null ? null : Math.max(lastResult, result);
            }
            Long merged = written.get(topics.merged() + " " + id);
            Long mergedCommitted = committed.get(topics.merged() + " " + id);
            if (request == null || opened == null || openedCommitted == null || lastResult == null || merged == null
                || mergedCommitted == null) {
                continue;
            }
            add(hops, Hop.INTAKE, request, opened);
            add(hops, Hop.INTAKE_COMMIT, opened, openedCommitted);
            add(hops, Hop.AGENTS, openedCommitted, lastResult);
            add(hops, Hop.AGGREGATOR, lastResult, merged);
            add(hops, Hop.AGGREGATOR_COMMIT, merged, mergedCommitted);
        }
        return hops;
    }

    private static void add(Map<Hop, List<Double>> hops, Hop hop, long from, long to) {
        hops.get(hop).add(Math.max(0, to - from) / 1e6);
    }

    /** Stops watching; fails when a watcher stopped on an error of its own. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread watcher : watchers) {
            watcher.join(Duration.ofSeconds(10).toMillis());
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("watching the plan's hops failed: " + failed.getMessage(), failed);
        }
    }
}
