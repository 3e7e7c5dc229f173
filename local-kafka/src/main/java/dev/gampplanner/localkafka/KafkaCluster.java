package dev.gampplanner.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of separate node processes on this machine: every node a combined broker and controller in
 * a JVM of its own, every node a voter. Each keeps its data and its {@link NodeSpec} in {@code DIR/node-N}, so
 * a node killed with SIGKILL (or the whole cluster, stopped) restarts where it left off.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A node's JVM (GAMP_BROKER_JAVA_OPTS replaces it): a heap that holds a test or demo cluster's metadata,
     * buffers and caches, and the serial collector; several nodes share a small machine with the services.
     */
    public static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx320m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-XX:MaxMetaspaceSize=128m");

    private final Path dir;
    private final boolean temporaryDir;
    private final Map<Integer, NodeSpec> specs;
    private final Map<Integer, Process> running = new TreeMap<>();
    private final Thread stopOnExit = new Thread(this::destroyAll, "stop-kafka-cluster");
    private boolean stopsOnExit;

    private KafkaCluster(Path dir, boolean temporaryDir, Map<Integer, NodeSpec> specs) {
        this.dir = dir;
        this.temporaryDir = temporaryDir;
        this.specs = specs;
    }

    /**
     * The cluster kept in {@code dir}: the one already there (ports, cluster id and security as they were
     * formatted), or a new one of {@code nodes} nodes.
     *
     * @param firstPort client ports are {@code firstPort ... firstPort + nodes - 1}, controller ports the
     *     {@code nodes} ports after them; 0 picks free ports
     * @param security for a new cluster; an existing one keeps what it was formatted with
     */
    public static KafkaCluster open(Path dir, int nodes, int firstPort, Optional<BrokerSecurity> security) {
        return open(dir, false, nodes, firstPort, security);
    }

    /** A new cluster of {@code nodes} nodes on free ports, its data in a fresh directory under {@code parent}, deleted on close. */
    public static KafkaCluster temporary(Path parent, int nodes, Optional<BrokerSecurity> security) {
        try {
            return open(Files.createTempDirectory(parent, "gamp-kafka-cluster-"), true, nodes, 0, security);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the cluster under " + parent, e);
        }
    }

    private static KafkaCluster open(Path dir, boolean temporary, int nodes, int firstPort, Optional<BrokerSecurity> security) {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("a local cluster has 1 to 9 nodes, not " + nodes);
        }
        Path root = dir.toAbsolutePath();
        Map<Integer, NodeSpec> specs = new TreeMap<>();
        if (NodeSpec.existsIn(nodeDir(root, 1))) {
            for (int id = 1; NodeSpec.existsIn(nodeDir(root, id)); id++) {
                specs.put(id, NodeSpec.load(nodeDir(root, id)));
            }
            if (specs.size() != nodes) {
                throw new IllegalArgumentException(root + " holds a cluster of " + specs.size() + " node(s), not " + nodes
                    + "; use --nodes " + specs.size() + " or another data directory");
            }
            return new KafkaCluster(root, temporary, specs);
        }
        if (firstPort < 0 || firstPort + 2 * nodes - 1 > 65535) {
            throw new IllegalArgumentException("the first port must leave room for " + 2 * nodes + " ports, got " + firstPort);
        }
        List<NodeSpec.Voter> voters = new ArrayList<>();
        Map<Integer, Integer> clientPorts = new LinkedHashMap<>();
        for (int id = 1; id <= nodes; id++) {
            clientPorts.put(id, firstPort == 0 ? EmbeddedKafkaBroker.freePort() : firstPort + id - 1);
            voters.add(new NodeSpec.Voter(id, firstPort == 0 ? EmbeddedKafkaBroker.freePort() : firstPort + nodes + id - 1));
        }
        String clusterId = Uuid.randomUuid().toString();
        for (NodeSpec.Voter voter : voters) {
            NodeSpec spec = new NodeSpec(voter.nodeId(), clientPorts.get(voter.nodeId()), voter.controllerPort(), voters, clusterId,
                security, Map.of());
            spec.store(nodeDir(root, voter.nodeId()));
            specs.put(voter.nodeId(), spec);
        }
        return new KafkaCluster(root, temporary, specs);
    }

    /** Starts every node that is not running, all at once (a quorum forms only with most voters up). */
    public synchronized KafkaCluster start() {
        Instant begin = Instant.now();
        if (!stopsOnExit) {
            // Nodes outliving the JVM that started them (an interrupted test run) would hold their ports and memory.
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            stopsOnExit = true;
        }
        List<Integer> starting = specs.keySet().stream().filter(id -> !isRunning(id)).toList();
        starting.forEach(this::launch);
        starting.forEach(this::awaitReady);
        log.info("Kafka cluster of {} node(s) ready on {} ({} ms)", specs.size(), bootstrapServers(),
            Duration.between(begin, Instant.now()).toMillis());
        return this;
    }

    /** Starts one node on its data, and waits until it serves clients (it needs a quorum of voters up). */
    public synchronized void start(int nodeId) {
        requireNode(nodeId);
        if (!isRunning(nodeId)) {
            Instant begin = Instant.now();
            launch(nodeId);
            awaitReady(nodeId);
            log.info("Kafka node {} ready on 127.0.0.1:{} ({} ms)", nodeId, port(nodeId), Duration.between(begin, Instant.now()).toMillis());
        }
    }

    /** SIGKILL: the node flushes, deregisters and hands over nothing. */
    public synchronized void kill(int nodeId) {
        Process process = running.remove(requireNode(nodeId));
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** A controlled shutdown: the node hands its partitions' leadership over, then exits. */
    public synchronized void stop(int nodeId) {
        Process process = running.remove(requireNode(nodeId));
        if (process != null) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
                waitFor(process);
            }
        }
    }

    public synchronized boolean isRunning(int nodeId) {
        Process process = running.get(nodeId);
        return process != null && process.isAlive();
    }

    public List<Integer> nodeIds() {
        return List.copyOf(specs.keySet());
    }

    /** Every node's client address; a client needs only one of them to be up. */
    public String bootstrapServers() {
        return specs.values().stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    public int port(int nodeId) {
        return specs.get(requireNode(nodeId)).port();
    }

    public Path dataDir(int nodeId) {
        return nodeDir(dir, requireNode(nodeId));
    }

    public Optional<BrokerSecurity> security() {
        return specs.get(1).security();
    }

    /** What an administrator's client needs to reach the cluster: nothing when it is not secured. */
    public Map<String, Object> adminClientProperties() {
        return security().map(BrokerSecurity::adminClientProperties).orElse(Map.of());
    }

    @Override
    public synchronized void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
        if (stopsOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException exiting) {
                // The JVM is exiting; the hook finds the nodes stopped.
            }
            stopsOnExit = false;
        }
        if (temporaryDir) {
            EmbeddedKafkaBroker.deleteRecursively(dir);
        }
    }

    private void launch(int nodeId) {
        Path nodeDir = dataDir(nodeId);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        String options = System.getenv("GAMP_BROKER_JAVA_OPTS");
        command.addAll(options == null || options.isBlank() ? NODE_JVM_OPTIONS : List.of(options.strip().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaNode.class.getName(), nodeDir.toString()));
        try {
            Files.deleteIfExists(nodeDir.resolve(KafkaNode.READY_MARKER));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("node.log").toFile()));
            // glibc gives each thread its own malloc arena; a few arenas keep a JVM's native memory small.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            running.put(nodeId, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka node " + nodeId, e);
        }
    }

    private void awaitReady(int nodeId) {
        Path marker = dataDir(nodeId).resolve(KafkaNode.READY_MARKER);
        long giveUp = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(marker)) {
            Process process = running.get(nodeId);
            if (process == null || !process.isAlive()) {
                running.remove(nodeId);
                throw new IllegalStateException("Kafka node " + nodeId + " exited while starting:\n" + logTail(nodeId));
            }
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("Kafka node " + nodeId + " did not start within " + READY_TIMEOUT.toSeconds()
                    + " s (does a quorum of its voters run?):\n" + logTail(nodeId));
            }
            pause();
        }
    }

    private String logTail(int nodeId) {
        try {
            String text = Files.readString(dataDir(nodeId).resolve("node.log"), StandardCharsets.UTF_8);
            return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void destroyAll() {
        running.values().forEach(Process::destroy);
    }

    private int requireNode(int nodeId) {
        if (!specs.containsKey(nodeId)) {
            throw new IllegalArgumentException("no node " + nodeId + " in this cluster; nodes are " + specs.keySet());
        }
        return nodeId;
    }

    private static Path nodeDir(Path root, int nodeId) {
        return root.resolve("node-" + nodeId);
    }

    private static boolean waitFor(Process process) {
        try {
            return process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls for a marker another process writes; nothing in this JVM can signal it. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Kafka node", e);
        }
    }
}
