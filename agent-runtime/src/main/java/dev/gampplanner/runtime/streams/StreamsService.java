package dev.gampplanner.runtime.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.dlq.DeadLetterExceptionHandler;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.lifecycle.ManagedService;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.topics.TopicProvisioner;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

/**
 * A Kafka Streams application as a managed service: exactly-once, records it cannot decode or
 * process go to the source topic's DLQ, a crashed stream thread is replaced, and start() returns
 * once the application is RUNNING.
 */
public final class StreamsService implements ManagedService {

    private static final Logger log = LoggerFactory.getLogger(StreamsService.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final GampConfig config;
    private final Topology topology;
    private final Observability observability;
    private final Map<String, Object> extraProps;
    private final List<String> topics;
    private KafkaStreams streams;
    private KafkaStreamsMetrics metrics;

    /**
     * @param name the service name, also the Streams application id (under the topic prefix)
     * @param extraProps Streams settings of this application only
     * @param topics the topics the application reads or writes: created when missing and checked before it starts
     */
    public StreamsService(String name, GampConfig config, Topology topology, Observability observability,
                          Map<String, Object> extraProps, List<String> topics) {
        this.name = name;
        this.config = config;
        this.topology = topology;
        this.observability = observability;
        this.extraProps = Map.copyOf(extraProps);
        this.topics = List.copyOf(topics);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).prepareForService(topics);
        }
        Properties props = new Properties();
        props.putAll(KafkaClients.streamsProps(config, config.topics().groupId(name)));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(DeadLetterExceptionHandler.SERVICE_NAME_CONFIG, name);
        props.put(DeadLetterExceptionHandler.METER_REGISTRY_CONFIG, observability.registry());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.putAll(extraProps);
        createStateDirectory(Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG)));
        streams = new KafkaStreams(topology, props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.ERROR) {
                log.error("{} entered state ERROR and stops processing", name);
            }
        });
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("{}: a stream thread failed; replacing it (its tasks resume from the last commit)", name, exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(observability.registry());
        streams.start();
        try {
            if (!running.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not reach RUNNING within " + START_TIMEOUT.toSeconds()
                    + " s (state " + streams.state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
        observability.register(name, this::health);
        log.info("{} running (application id {})", name, config.topics().groupId(name));
    }

    @Override
    public Health health() {
        if (streams == null) {
            return Health.starting("not started");
        }
        KafkaStreams.State state = streams.state();
        return switch (state) {
            case RUNNING -> Health.up("RUNNING");
            case CREATED, REBALANCING, PENDING_SHUTDOWN -> Health.starting(state.name());
            default -> Health.down(state.name());
        };
    }

    /** The running application, for tests and tools that query its state. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            // Leaving the group hands this instance's tasks to the others (or to its own restart) at once; staying
            // would leave them unowned until the session timeout expires.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
            streams = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        log.info("{} stopped", name);
    }

    /**
     * Streams creates its base state directory itself, but not safely against another application in the same process
     * doing so at the same moment (the planner starts intake and aggregator together); created here first, it exists.
     */
    private static void createStateDirectory(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + stateDir + " (GAMP_STATE_DIR): " + e.getMessage(), e);
        }
    }
}
