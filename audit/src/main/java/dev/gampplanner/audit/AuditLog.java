package dev.gampplanner.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/**
 * Reads GAMP Planner's topics as an auditor does: committed records only, from the beginning (or
 * from a point in time) up to the end offsets at the moment of reading.
 */
public final class AuditLog {

    private final GampConfig config;
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    public AuditLog(GampConfig config) {
        this.config = config;
    }

    /**
     * Every record of one plan: on the topics the services write, only the partition its correlation id maps to is
     * read. Requests come from upstream producers whose client may partition another way (librdkafka's default is
     * not Java's murmur2), so every partition of plan.requests is read.
     */
    public List<LogRecord> plan(String correlationId) {
        byte[] key = correlationId.getBytes(StandardCharsets.UTF_8);
        String requests = config.topics().planRequests();
        List<LogRecord> records = new ArrayList<>();
        for (LogRecord record : readPlans(tp -> tp.topic().equals(requests) || tp.partition() == partitionOf(key, tp), null)) {
            if (correlationId.equals(record.key())) {
                records.add(record);
            }
        }
        // Records written in one transaction share a timestamp; within it, the flow's own order reads best.
        records.sort(Comparator.comparing(LogRecord::timestamp).thenComparingInt(AuditLog::stage)
            .thenComparing(LogRecord::topic).thenComparingLong(LogRecord::offset));
        return records;
    }

    /** Every record of every plan topic written at or after {@code since} (or from the beginning). */
    public List<LogRecord> everything(Instant since) {
        return readPlans(tp -> true, since);
    }

    /**
     * Every record of the signing keys topic, in the order each key's records were published: whatever window is
     * judged, a record is checked against its key's whole history.
     */
    public List<LogRecord> signingKeys() {
        // A deployment created before keys were published has no such topic, and so no keys.
        return read(List.of(config.topics().signingKeys()), tp -> true, null).orElse(List.of());
    }

    private static final List<String> FLOW = List.of("PlanRequest", "PlanRejected", "PlanOpened", "AgentRequest", "AgentResult",
        "DeadlineExpired", "MergedPlan", "LateResult");

    private static int stage(LogRecord record) {
        int stage = FLOW.indexOf(record.type());
        return stage < 0 ? FLOW.size() : stage;
    }

    /** The topics that record plans: all but the signing keys, which describe the signers, not a plan. */
    private List<String> planTopics() {
        String keys = config.topics().signingKeys();
        return config.topics().allTopics().stream().filter(topic -> !topic.equals(keys)).toList();
    }

    /** The partition the producers' default partitioner puts {@code key} in. */
    private int partitionOf(byte[] key, TopicPartition tp) {
        return Utils.toPositive(Utils.murmur2(key)) % partitionCounts.get(tp.topic());
    }

    private List<LogRecord> readPlans(Predicate<TopicPartition> wanted, Instant since) {
        return read(planTopics(), wanted, since).orElseThrow(() -> new IllegalStateException("no GAMP Planner topic exists on "
            + config.bootstrapServers() + (config.topics().prefix().isEmpty() ? "" : " with prefix " + config.topics().prefix())));
    }

    /** The records of {@code topics} in the wanted partitions; empty when none of the topics exists. */
    private Optional<List<LogRecord>> read(List<String> topics, Predicate<TopicPartition> wanted, Instant since) {
        List<LogRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config, "gamp-audit", null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                partitionCounts.put(topic, infos.size());
                infos.stream().map(p -> new TopicPartition(topic, p.partition())).filter(wanted).forEach(partitions::add);
            }
            if (partitions.isEmpty()) {
                return Optional.empty();
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (since == null) {
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
                for (TopicPartition tp : partitions) {
                    OffsetAndTimestamp start = starts.get(tp);
                    consumer.seek(tp, start == null ? end.get(tp) : start.offset());
                }
            }
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    records.add(LogRecord.of(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers()));
                }
                // Transaction markers take offsets too, so the end is reached by position, not by the last record.
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }
        return Optional.of(records);
    }
}
