package dev.gampplanner.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;

/** The records of an audit by the ways digest links find them. */
final class RecordIndex {

    private final TopicCatalog topics;
    private final Map<String, List<LogRecord>> byKey;
    private final Map<String, LogRecord> bySha = new HashMap<>();
    private final Map<String, LogRecord> byPosition = new HashMap<>();
    private final Map<String, LogRecord> deadLetters = new HashMap<>();
    private final Map<String, List<LogRecord>> openedByRequest = new HashMap<>();
    private final Map<String, List<LogRecord>> rejectionsByRequest = new HashMap<>();

    RecordIndex(TopicCatalog topics, List<LogRecord> records) {
        this.topics = topics;
        byKey = records.stream().filter(r -> r.key() != null).collect(Collectors.groupingBy(LogRecord::key));
        for (LogRecord record : records) {
            if (record.sha256() != null) {
                bySha.putIfAbsent(record.sha256(), record);
            }
            byPosition.put(record.position(), record);
            if (record.record() instanceof PlanOpened opened) {
                openedByRequest.computeIfAbsent(opened.getRequestSha256(), k -> new ArrayList<>()).add(record);
            }
            if (record.record() instanceof PlanRejected rejected) {
                rejectionsByRequest.computeIfAbsent(rejected.getRequestSha256(), k -> new ArrayList<>()).add(record);
            }
            if (record.topic().endsWith(TopicCatalog.DLQ_SUFFIX)) {
                Map<String, String> h = record.headers();
                deadLetters.put(h.get(GampHeaders.DLQ_SOURCE_TOPIC) + "-" + h.get(GampHeaders.DLQ_SOURCE_PARTITION) + "@"
                    + h.get(GampHeaders.DLQ_SOURCE_OFFSET), record);
            }
        }
    }

    /** The decodable records with this key on this topic. */
    List<LogRecord> ofType(String key, String topic) {
        return byKey.getOrDefault(key, List.of()).stream().filter(r -> r.topic().equals(topic) && r.record() != null).toList();
    }

    Optional<LogRecord> openedOf(String key) {
        return ofType(key, topics.coordination()).stream().filter(r -> r.record() instanceof PlanOpened).findFirst();
    }

    /**
     * The plans opened for this very request: the same key and digest, and — where PlanOpened names it — the same
     * position. Identical documents resubmitted under other correlation ids are other requests.
     */
    List<LogRecord> openedForRequest(LogRecord request) {
        return openedByRequest.getOrDefault(request.sha256(), List.of()).stream()
            .filter(r -> r.key().equals(request.key()))
            .filter(r -> {
                PlanOpened opened = r.as(PlanOpened.class).orElseThrow();
                return opened.getRequestOffset() == null || opened.getRequestPartition() == request.partition()
                    && opened.getRequestOffset() == request.offset();
            })
            .toList();
    }

    /** The rejections of this very request: a PlanRejected names the request's position. */
    List<LogRecord> rejectionsOf(LogRecord request) {
        return rejectionsByRequest.getOrDefault(request.sha256(), List.of()).stream()
            .filter(r -> {
                PlanRejected rejected = r.as(PlanRejected.class).orElseThrow();
                return rejected.getRequestTopic().equals(request.topic()) && rejected.getRequestPartition() == request.partition()
                    && rejected.getRequestOffset() == request.offset();
            })
            .toList();
    }

    Optional<LogRecord> bySha(String sha) {
        return Optional.ofNullable(bySha.get(sha));
    }

    Optional<LogRecord> at(String topic, int partition, long offset) {
        return Optional.ofNullable(byPosition.get(topic + "-" + partition + "@" + offset));
    }

    Optional<LogRecord> deadLetterOf(LogRecord record) {
        return Optional.ofNullable(deadLetters.get(record.position()));
    }
}
