package dev.gampplanner.runtime.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.signing.RecordSigner;
import dev.gampplanner.runtime.signing.SigningInterceptor;
import dev.gampplanner.runtime.topics.AuditSettings;

/**
 * The one place Kafka clients are configured. Producers are idempotent with {@code acks=all};
 * consumers read committed data only; the planner's Streams apps run exactly-once. Every client
 * authenticates with this process's credentials, if it has any.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Admin admin(GampConfig config) {
        Map<String, Object> props = common(config, "gamp-admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }

    public static KafkaProducer<byte[], byte[]> producer(GampConfig config, String clientId) {
        return new KafkaProducer<>(producerProps(config, clientId), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Map<String, Object> producerProps(GampConfig config, String clientId) {
        Map<String, Object> props = common(config, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.producerLinger().toMillis());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordSizeLimit.PRODUCER_LIMIT);
        signing(config).forEach(props::put);
        return props;
    }

    /** The producer settings that sign every record this process writes to a GAMP topic, when it has a signing key. */
    private static Map<String, Object> signing(GampConfig config) {
        return config.signingKey()
            .map(keys -> Map.<String, Object>of(
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, SigningInterceptor.class.getName(),
                SigningInterceptor.SIGNER_CONFIG, RecordSigner.of(keys, Set.copyOf(config.topics().allTopics()))))
            .orElse(Map.of());
    }

    /** A read-committed consumer; {@code groupId} null for a consumer that only assigns partitions. */
    public static KafkaConsumer<byte[], byte[]> consumer(GampConfig config, String clientId, String groupId) {
        return consumer(config, clientId, groupId, IsolationLevel.READ_COMMITTED);
    }

    /** A consumer reading at {@code isolation}: read uncommitted only to see when records are written, not to act on them. */
    public static KafkaConsumer<byte[], byte[]> consumer(GampConfig config, String clientId, String groupId,
                                                        IsolationLevel isolation) {
        Map<String, Object> props = common(config, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, AuditSettings.MAX_MESSAGE_BYTES + 64 * 1024);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A share consumer that acknowledges each record explicitly and takes at most {@code maxPollRecords} at once. */
    public static KafkaShareConsumer<byte[], byte[]> shareConsumer(GampConfig config, String clientId, String groupId,
                                                                   int maxPollRecords) {
        Map<String, Object> props = common(config, clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, AuditSettings.MAX_MESSAGE_BYTES + 64 * 1024);
        return new KafkaShareConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Exactly-once Kafka Streams settings shared by the planner's applications. */
    public static Map<String, Object> streamsProps(GampConfig config, String applicationId) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.putAll(config.clientSecurity().clientProperties());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        // A Streams thread commits only between polls, and with no record coming it polls for poll.ms (100 ms by
        // default): a plan's last record, processed less than a commit interval after the last commit, would wait that
        // long for its commit. Polls as long as the interval commit it within about two; shorter ones (5 ms) cut the
        // latency further but cost a quarter of the sustained throughput (README, tuning log). KAFKA_CLIENT_POLL_MS wins.
        props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, Math.max(1, config.commitInterval().toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        // -1: internal topics take the broker's default.replication.factor (3 in production, 1 on one node).
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) config.producerLinger().toMillis());
        // A transaction's first send can meet CONCURRENT_TRANSACTIONS while the previous commit's markers are
        // written; the default 100 ms backoff would add that to every plan's latency.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 100);
        // The producer checks a record's uncompressed size against max.request.size, the broker the compressed batch
        // against max.message.bytes: large plans compress well, so only the broker's limit is the real one.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordSizeLimit.PRODUCER_LIMIT);
        // The changelogs hold results as large as the topics' records; the broker's default (1 MiB) would refuse them.
        props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), AuditSettings.MAX_MESSAGE_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), AuditSettings.MAX_MESSAGE_BYTES + 64 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A plan's records arrive on several topics in any order and the processors handle any order, so a task
        // never waits for its other inputs to catch up before processing what it has.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // A crashed planner's tasks wait for its session to expire before another instance (or its restart) takes
        // them over; 10 s instead of 45 s lets plans in flight still meet their deadlines.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A static member that comes back within its session keeps its tasks without a rebalance; Streams appends
        // the thread index, and each application of the process gets its own name.
        config.instanceId().ifPresent(id ->
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id + "-" + applicationId));
        // The services run in small heaps (112 MB in the Dockerfile): a backlog of requests, each up to a
        // megabyte of URS, must not be fetched and buffered all at once. A poll takes no more records than a partition
        // buffers, and a fetch up to 1 MiB a partition (a larger first batch still comes whole): with Streams' 1,000 and
        // a partition's whole 8 MiB, a burst's backlog of results was decompressed into the heap a thousand at a time.
        // A plan's state lives for a fraction of a second and each commit (every few milliseconds) flushes the record
        // cache, so a large cache saves little.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 2 * (AuditSettings.MAX_MESSAGE_BYTES + 64 * 1024));
        props.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 100);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 100);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 1024 * 1024);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024L);
        signing(config).forEach((key, value) -> props.put(StreamsConfig.producerPrefix(key), value));
        return props;
    }

    private static Map<String, Object> common(GampConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.putAll(config.clientSecurity().clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(config, clientId));
        return props;
    }

    /** The client id a client built here presents to the broker (as group descriptions list it). */
    public static String clientId(GampConfig config, String clientId) {
        return config.topics().prefix() + clientId;
    }
}
