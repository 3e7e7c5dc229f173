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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A real Kafka node (combined KRaft broker and controller) running inside this JVM: a single-node
 * broker, or one node of a {@link KafkaCluster}.
 *
 * <p>It formats its storage with the same tool an operator uses ({@code kafka-storage format}),
 * so the broker behaves exactly as a production cluster: transactions, share groups, topic configs
 * and, when {@link #secured secured}, SCRAM and ACLs are all real. Internal topics are sized for the
 * quorum (RF 1 on one node, RF 3 with two in sync on three), with few partitions.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final NodeSpec spec;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, boolean temporaryDataDir, NodeSpec spec) {
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.spec = spec;
    }

    /** A broker on free ports with its data in a fresh temporary directory, deleted on close. */
    public static EmbeddedKafkaBroker temporary() {
        try {
            return new EmbeddedKafkaBroker(Files.createTempDirectory("gamp-kafka-"), true,
                NodeSpec.single(freePort(), freePort(), Uuid.randomUuid().toString(), Optional.empty(), Map.of()));
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
        return node(dataDir, NodeSpec.single(port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort,
            Uuid.randomUuid().toString(), Optional.empty(), overrides));
    }

    /** One node of a cluster (or a single node) as {@code spec} describes it, its data in {@code dataDir}. */
    public static EmbeddedKafkaBroker node(Path dataDir, NodeSpec spec) {
        return new EmbeddedKafkaBroker(dataDir.toAbsolutePath(), false, spec);
    }

    /** This broker, not yet started, with SCRAM on every listener and ACLs enforced. */
    public EmbeddedKafkaBroker secured(BrokerSecurity security) {
        if (isRunning()) {
            throw new IllegalStateException("secure a broker before starting it");
        }
        return new EmbeddedKafkaBroker(dataDir, temporaryDataDir, spec.withSecurity(security));
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
        log.info("Kafka node {} ready on {} (data {}, {} ms)", spec.nodeId(), bootstrapServers(), dataDir,
            Duration.between(begin, Instant.now()).toMillis());
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + spec.port();
    }

    public int port() {
        return spec.port();
    }

    public int controllerPort() {
        return spec.controllerPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Optional<BrokerSecurity> security() {
        return spec.security();
    }

    /** What an administrator's client needs to reach this broker: nothing when it is not secured. */
    public Map<String, Object> adminClientProperties() {
        return spec.security().map(BrokerSecurity::adminClientProperties).orElse(Map.of());
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
        config.put("node.id", String.valueOf(spec.nodeId()));
        config.put("controller.quorum.voters", spec.quorumVoters());
        config.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + spec.port() + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
            + spec.controllerPort());
        config.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + spec.port());
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        config.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        spec.security().ifPresent(security -> config.putAll(security.brokerProperties(CLIENT_LISTENER, CONTROLLER_LISTENER,
            spec.voters().size() > 1)));
        config.put("log.dirs", dataDir.resolve("logs").toString());
        // The broker's own topics and those created without a replication factor (Streams' internal topics) get
        // three replicas, two in sync, on a cluster of three or more; one on a single node.
        String replicas = String.valueOf(spec.replicationFactor());
        String minInsync = String.valueOf(spec.minInsyncReplicas());
        config.put("offsets.topic.replication.factor", replicas);
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", minInsync);
        config.put("transaction.state.log.num.partitions", "6");
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", minInsync);
        config.put("share.coordinator.state.topic.num.partitions", "6");
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", minInsync);
        // An out-of-sync replica never becomes leader: that would silently drop acknowledged records.
        config.put("unclean.leader.election.enable", "false");
        config.put("num.partitions", "1");
        // Nodes on one machine: a killed node is fenced, and its partitions led by another, after 4 s instead of 9 s.
        config.put("broker.session.timeout.ms", "4000");
        config.put("broker.heartbeat.interval.ms", "500");
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
        // A share consumer learns of its assignment from a heartbeat: a restarted agent is ready in about 1.8 s
        // instead of 2.4 s with 1 s (the broker's default is 5 s), for four heartbeats a second per worker.
        config.put("group.share.min.heartbeat.interval.ms", "250");
        config.put("group.share.heartbeat.interval.ms", "250");
        config.putAll(spec.overrides());
        Properties props = new Properties();
        props.putAll(config);
        return props;
    }

    private void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> arguments = new ArrayList<>(List.of("format", "--config", configFile.toString(),
                "--cluster-id", spec.clusterId()));
            // Nobody can authenticate before the first credential exists, and a controller cannot create one
            // before its quorum does: the admin's credential goes into the storage's bootstrap metadata.
            spec.security().ifPresent(security -> arguments.addAll(List.of("--add-scram", security.scramCredentialArgument())));
            rc = StorageTool.execute(arguments.toArray(String[]::new), out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting broker storage in " + dataDir + " failed (exit " + rc + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Ready once this node is a registered, unfenced broker of its cluster. */
    private void awaitReady() {
        Map<String, Object> adminConfig = new HashMap<>(adminClientProperties());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        Instant giveUp = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                Exception lastError = null;
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == spec.nodeId())) {
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

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    static void deleteRecursively(Path root) {
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
