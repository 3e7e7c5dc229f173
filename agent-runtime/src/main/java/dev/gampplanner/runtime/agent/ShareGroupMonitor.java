package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches an agent's share group from the broker's side, on a schedule of its own so that neither a probe nor a
 * scrape waits for the broker. A share consumer has no assignment callback, so which workers hold an assignment is
 * read from the group's description (members by client id); the lag comes from the group's start offsets against the
 * request topic's committed end offsets.
 */
final class ShareGroupMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupMonitor.class);
    /**
     * How soon a worker's new assignment is noticed: the delay /ready adds to a worker's start. The group is read only
     * while a worker waits, so a short tick costs the broker a few small requests during a start and nothing after.
     */
    private static final Duration TICK = Duration.ofMillis(50);
    /** Prometheus scrapes every 15 s and KEDA polls every 30 s by default; fresher lag would serve nobody. */
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Supplier<List<Optional<String>>> workers;
    private final WorkerMetrics metrics;
    private final Set<String> assigned = ConcurrentHashMap.newKeySet();
    /** Two threads: a slow lag query must not hold up the assignment check that /ready waits for. */
    private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "share-group-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastProblem;
    private long startedAt;

    /** @param workers the client ids of the share consumers running now (empty for a worker being replaced) */
    ShareGroupMonitor(Admin admin, String group, String topic, Supplier<List<Optional<String>>> workers, WorkerMetrics metrics) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.workers = workers;
        this.metrics = metrics;
    }

    void start() {
        startedAt = System.nanoTime();
        schedule.scheduleWithFixedDelay(() -> watch(this::readAssignments), 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        schedule.scheduleWithFixedDelay(() -> watch(() -> metrics.shareGroupLag(lag())), 0, LAG_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    /** How many running workers the broker does not yet list with an assignment, counting workers being replaced. */
    long unassigned() {
        return workers.get().stream().filter(id -> id.isEmpty() || !assigned.contains(id.get())).count();
    }

    /** A look at the broker that may fail for a while (a broker restarting): said once, tried again on the next round. */
    private interface Look {
        void run() throws ExecutionException, InterruptedException;
    }

    private void watch(Look look) {
        try {
            look.run();
        } catch (ExecutionException | RuntimeException e) {
            String problem = String.valueOf(e instanceof ExecutionException ? e.getCause() : e);
            if (!problem.equals(lastProblem)) {
                log.warn("cannot read share group {} from the broker (will retry): {}", group, problem);
                lastProblem = problem;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the members only while a running worker is not yet known to hold an assignment. */
    private void readAssignments() throws ExecutionException, InterruptedException {
        if (unassigned() == 0) {
            return;
        }
        Set<String> now = ConcurrentHashMap.newKeySet();
        for (ShareMemberDescription member : members()) {
            if (!member.assignment().topicPartitions().isEmpty()) {
                now.add(member.clientId());
            }
        }
        assigned.retainAll(now);
        assigned.addAll(now);
        if (unassigned() == 0) {
            log.info("every worker in share group {} holds its assignment, {} ms after the first check", group,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        }
    }

    /** The group's members; none while the broker does not know the group yet (before the first worker joins). */
    private Collection<ShareMemberDescription> members() throws ExecutionException, InterruptedException {
        try {
            return admin.describeShareGroups(List.of(group)).describedGroups().get(group).get().members();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Records of the request topic not yet delivered and acknowledged. The broker says so per partition once the
     * group has state there; a partition it has not started yet counts from its first record, where the group starts.
     */
    private long lag() throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
            .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, SharePartitionOffsetInfo> offsets = startOffsets(partitions);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        List<TopicPartition> unstarted = partitions.stream().filter(p -> offsets.get(p) == null).toList();
        Map<TopicPartition, Long> firsts = unstarted.isEmpty() ? Map.of() : offsets(unstarted, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition partition : partitions) {
            SharePartitionOffsetInfo info = offsets.get(partition);
            long end = ends.get(partition);
            lag += info == null ? end - firsts.get(partition)
                : info.lag().orElse(Math.max(0, end - info.startOffset()));
        }
        return lag;
    }

    /** Where the group stands per partition; nothing for a partition (or a group) the broker has no state for yet. */
    private Map<TopicPartition, SharePartitionOffsetInfo> startOffsets(List<TopicPartition> partitions)
        throws ExecutionException, InterruptedException {
        try {
            Map<TopicPartition, SharePartitionOffsetInfo> found = admin.listShareGroupOffsets(
                    Map.of(group, new ListShareGroupOffsetsSpec().topicPartitions(partitions)))
                .partitionsToOffsetInfo(group).get();
            Map<TopicPartition, SharePartitionOffsetInfo> known = new HashMap<>();
            found.forEach((partition, info) -> {
                if (info != null) {
                    known.put(partition, info);
                }
            });
            return known;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
        throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        partitions.forEach(p -> wanted.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(wanted,
            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, Long> byPartition = new HashMap<>();
        found.forEach((partition, info) -> byPartition.put(partition, info.offset()));
        return byPartition;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
