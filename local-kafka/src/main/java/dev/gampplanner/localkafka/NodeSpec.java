package dev.gampplanner.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Who one KRaft node (combined broker and controller) is: its id and ports, the voters of its quorum, the
 * cluster it belongs to, and how it is secured. A node restarted on its data directory must come back with
 * the same spec, so a cluster stores each node's spec next to its data.
 *
 * @param voters every controller of the quorum, this node included
 * @param overrides extra broker properties, applied last
 */
public record NodeSpec(int nodeId, int port, int controllerPort, List<Voter> voters, String clusterId,
                       Optional<BrokerSecurity> security, Map<String, String> overrides) {

    /** A controller of the quorum, reachable on loopback. */
    public record Voter(int nodeId, int controllerPort) {
        String address() {
            return nodeId + "@127.0.0.1:" + controllerPort;
        }
    }

    private static final String FILE = "gamp-node.properties";
    private static final String OVERRIDE = "override.";

    public NodeSpec {
        for (int p : new int[] {port, controllerPort}) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("ports must be between 1 and 65535, got " + port + " and " + controllerPort);
            }
        }
        voters = List.copyOf(voters);
        if (voters.stream().noneMatch(v -> v.nodeId() == nodeId && v.controllerPort() == controllerPort)) {
            throw new IllegalArgumentException("node " + nodeId + " must be one of its quorum's voters " + voters);
        }
        security = security == null ? Optional.empty() : security;
        overrides = Map.copyOf(overrides);
    }

    /** A one-node cluster: this node is its only voter. */
    public static NodeSpec single(int port, int controllerPort, String clusterId, Optional<BrokerSecurity> security,
                                  Map<String, String> overrides) {
        return new NodeSpec(1, port, controllerPort, List.of(new Voter(1, controllerPort)), clusterId, security, overrides);
    }

    public NodeSpec withSecurity(BrokerSecurity brokerSecurity) {
        return new NodeSpec(nodeId, port, controllerPort, voters, clusterId, Optional.of(brokerSecurity), overrides);
    }

    String quorumVoters() {
        return voters.stream().map(Voter::address).collect(Collectors.joining(","));
    }

    /** Replicas of the broker's own topics (offsets, transactions, share state) and of topics created without one. */
    short replicationFactor() {
        return (short) Math.min(3, voters.size());
    }

    /** Two in-sync replicas wherever there are three: one node may fail without a write being lost. */
    int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    public static boolean existsIn(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    /** Writes this spec into {@code dir}, readable by its owner only: it holds the admin's password. */
    public void store(Path dir) {
        Properties props = new Properties();
        props.setProperty("node.id", String.valueOf(nodeId));
        props.setProperty("port", String.valueOf(port));
        props.setProperty("controller.port", String.valueOf(controllerPort));
        props.setProperty("voters", voters.stream().map(v -> v.nodeId() + ":" + v.controllerPort()).collect(Collectors.joining(",")));
        props.setProperty("cluster.id", clusterId);
        security.ifPresent(s -> {
            props.setProperty("security.admin.user", s.adminUser());
            props.setProperty("security.admin.password", s.adminPassword());
            s.tls().ifPresent(tls -> {
                props.setProperty("security.tls.keystore", tls.keyStore().toString());
                props.setProperty("security.tls.keystore.password", tls.keyStorePassword());
                props.setProperty("security.tls.truststore", tls.trustStore().toString());
                props.setProperty("security.tls.truststore.password", tls.trustStorePassword());
            });
        });
        overrides.forEach((key, value) -> props.setProperty(OVERRIDE + key, value));
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // A file system without POSIX permissions keeps its own access rules.
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "GAMP Planner Kafka node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node spec to " + file, e);
        }
    }

    public static NodeSpec load(Path dir) {
        Path file = dir.resolve(FILE);
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node spec " + file, e);
        }
        List<Voter> voters = new ArrayList<>();
        for (String voter : props.getProperty("voters").split(",")) {
            int[] parts = Arrays.stream(voter.split(":")).mapToInt(Integer::parseInt).toArray();
            voters.add(new Voter(parts[0], parts[1]));
        }
        Optional<BrokerSecurity> security = Optional.ofNullable(props.getProperty("security.admin.user"))
            .map(user -> new BrokerSecurity(user, props.getProperty("security.admin.password"),
                Optional.ofNullable(props.getProperty("security.tls.keystore")).map(keyStore -> new BrokerSecurity.Tls(
                    Path.of(keyStore), props.getProperty("security.tls.keystore.password"),
                    Path.of(props.getProperty("security.tls.truststore")), props.getProperty("security.tls.truststore.password")))));
        Map<String, String> overrides = new LinkedHashMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith(OVERRIDE)).sorted()
            .forEach(k -> overrides.put(k.substring(OVERRIDE.length()), props.getProperty(k)));
        return new NodeSpec(Integer.parseInt(props.getProperty("node.id")), Integer.parseInt(props.getProperty("port")),
            Integer.parseInt(props.getProperty("controller.port")), voters, props.getProperty("cluster.id"), security, overrides);
    }
}
