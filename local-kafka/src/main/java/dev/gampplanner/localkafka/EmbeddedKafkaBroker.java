package dev.gampplanner.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (combined KRaft broker and controller) running inside this JVM.
 *
 * <p>It formats its storage with the same tool an operator uses ({@code kafka-storage format}),
 * so the broker behaves exactly as a one-node production cluster: transactions, share groups and
 * topic configs are all real. Internal topics are sized for a single node (RF 1, few partitions),
 * which is the only difference from a production broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, boolean temporaryDataDir, int port, int controllerPort,
                                Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
    }

    /** A broker on free ports with its data in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafkaBroker temporary() {
        try {
            return new EmbeddedKafkaBroker(Files.createTempDirectory("gamp-kafka-"), true, freePort(), freePort(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the broker", e);
        }
    }

    /**
     * A broker that keeps its data in {@code dataDir} across restarts.
     *
     * @param port the client port; 0 picks a free one
     * @param controllerPort the KRaft controller port; 0 picks a free one. A broker restarted on
     *     the same data directory must reuse the controller port it was formatted with.
     */
    public static EmbeddedKafkaBroker persistent(Path dataDir, int port, int controllerPort) {
        return persistent(dataDir, port, controllerPort, Map.of());
    }

    /** As {@link #persistent(Path, int, int)}, with extra broker properties (for tuning runs). */
    public static EmbeddedKafkaBroker persistent(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        if (port < 0 || port > 65535 || controllerPort < 0 || controllerPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535, got " + port + " and " + controllerPort);
        }
        return new EmbeddedKafkaBroker(dataDir.toAbsolutePath(), false,
            port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort, overrides);
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        Instant begin = Instant.now();
        try {
            Files.createDirectories(dataDir);
            Properties props = brokerProperties();
            Path configFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "GAMP Planner embedded broker");
            }
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(configFile);
            }
            KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker storage in " + dataDir, e);
        }
        log.info("Kafka broker ready on {} (data {}, {} ms)", bootstrapServers(), dataDir,
            Duration.between(begin, Instant.now()).toMillis());
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker and keeps its data, so {@link #start()} resumes where it left off. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public synchronized void close() {
        stop();
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private Properties brokerProperties() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", dataDir.resolve("logs").toString());
        // One node: every internal topic has RF 1 and needs no more than one in-sync replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "6");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "6");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("num.partitions", "1");
        // Topics are provisioned explicitly, with their audit settings; a typo must fail, not create.
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MB dedupe buffer is sized for a production cleaner; compacted changelogs here are small.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "4");
        config.put("num.recovery.threads.per.data.dir", "1");
        // Production bounds are 15-60 s; tests and demos may hold requests for less to see redelivery sooner.
        config.put("group.share.min.record.lock.duration.ms", "1000");
        config.put("group.share.min.heartbeat.interval.ms", "1000");
        config.put("group.share.heartbeat.interval.ms", "1000");
        config.putAll(overrides);
        Properties props = new Properties();
        props.putAll(config);
        return props;
    }

    private void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(),
                "--cluster-id", Uuid.randomUuid().toString()}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting broker storage in " + dataDir + " failed (exit " + rc + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        Instant giveUp = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                Exception lastError = null;
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastError = e;
                }
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("broker on " + bootstrapServers() + " did not become ready within "
                        + READY_TIMEOUT.toSeconds() + " s", lastError);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("could not delete broker data in {}: {}", root, e.toString());
        }
    }
}
