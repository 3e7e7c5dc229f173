package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.common.Uuid;

import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.SecretFiles;
import dev.gampplanner.localkafka.BrokerSecurity;
import dev.gampplanner.localkafka.EmbeddedKafkaBroker;
import dev.gampplanner.localkafka.KafkaCluster;
import dev.gampplanner.localkafka.NodeSpec;
import dev.gampplanner.runtime.config.ClientSecurity;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A real Kafka broker, or a cluster of node processes, for running services as separate processes without Docker. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Runs Kafka (KRaft) until stopped: one broker in this process, or with --nodes N a cluster of N node "
        + "processes, every node a broker and a controller voter. Data stays in --data, so a restart on the same "
        + "directory resumes with every record; ports, cluster and security are remembered there too.",
        "--secure: SASL/SCRAM-SHA-512 on the client and controller listeners, ACLs enforced, nothing allowed that no "
            + "ACL allows, one super user: KAFKA_SASL_USERNAME (default admin) with KAFKA_SASL_PASSWORD(_FILE), or a "
            + "password generated into DATA/admin.password. With GAMP_BROKER_KEYSTORE_LOCATION the listeners speak TLS."})
public final class BrokerCommand implements Callable<Integer> {

    private static final String LEGACY_PORTS_FILE = "gamp-broker.ports";
    private static final String DEFAULT_ADMIN = "admin";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N",
        description = "Client port (default 9092, or the port this data directory used); with --nodes, the first node's, "
            + "the others' following it and the controllers' after those.")
    Integer port;

    @Option(names = "--controller-port", paramLabel = "N", description = "KRaft controller port of a single broker (default: client port + 1).")
    Integer controllerPort;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
        description = "Nodes: 1 runs in this process; 3 gives topics three replicas, two in sync (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--secure", description = "SCRAM on every listener, ACLs enforced (see above); then run 'gamp security apply'.")
    boolean secure;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "gamp-broker-data",
        description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(data);
        GampConfig config = Environment.config();
        String bootstrap;
        Optional<BrokerSecurity> security;
        Runnable stop;
        if (nodes == 1) {
            NodeSpec node = singleNode(config);
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.node(data, node).start();
            bootstrap = broker.bootstrapServers();
            security = node.security();
            stop = broker::stop;
        } else {
            if (controllerPort != null) {
                throw new IllegalArgumentException("--controller-port is for a single broker; a cluster's controller ports "
                    + "follow its client ports");
            }
            KafkaCluster cluster = KafkaCluster.open(data, nodes, port != null ? port : 9092, newSecurity(config));
            requireSameSecurity(cluster.security());
            bootstrap = cluster.start().bootstrapServers();
            security = cluster.security();
            stop = cluster::close;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "gamp-broker-shutdown"));
        out.println("Kafka broker ready: KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " (" + nodes + " node(s), data in "
            + data.toAbsolutePath() + ")");
        security.ifPresent(s -> out.println("Secured: " + s.protocol() + " with " + BrokerSecurity.MECHANISM + ", ACLs enforced; "
            + "super user " + s.adminUser() + adminPasswordHint()
            + ". Next: gamp topics apply, then gamp security apply, both as " + s.adminUser() + "."));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The single broker's spec: as this directory remembers it, else from the options. */
    private NodeSpec singleNode(GampConfig config) throws java.io.IOException {
        if (NodeSpec.existsIn(data)) {
            NodeSpec node = NodeSpec.load(data);
            if (port != null && port != node.port() || controllerPort != null && controllerPort != node.controllerPort()) {
                throw new IllegalArgumentException(data + " was formatted with ports " + node.port() + " and " + node.controllerPort()
                    + "; restart it without --port and --controller-port (or use another --data directory)");
            }
            requireSameSecurity(node.security());
            return node;
        }
        Path remembered = data.resolve(LEGACY_PORTS_FILE);
        int[] previous = Files.exists(remembered)
            ? Arrays.stream(Files.readString(remembered).strip().split(":")).mapToInt(Integer::parseInt).toArray()
            : null;
        int client = port != null ? port : previous != null ? previous[0] : 9092;
        int controller = controllerPort != null ? controllerPort : previous != null && port == null ? previous[1] : client + 1;
        if (previous != null && controller != previous[1]) {
            throw new IllegalArgumentException(data + " was formatted with controller port " + previous[1]
                + "; restart it with --controller-port " + previous[1] + " (or use another --data directory)");
        }
        NodeSpec node = NodeSpec.single(client, controller, Uuid.randomUuid().toString(), newSecurity(config), Map.of());
        node.store(data);
        Files.writeString(remembered, client + ":" + controller, StandardCharsets.UTF_8);
        return node;
    }

    /** The security of a new broker: the admin from the environment, or one with a generated password. */
    private Optional<BrokerSecurity> newSecurity(GampConfig config) {
        if (!secure) {
            return Optional.empty();
        }
        ClientSecurity client = config.clientSecurity();
        BrokerSecurity security = client.credentials()
            .map(c -> BrokerSecurity.scram(c.username(), c.password()))
            .orElseGet(() -> BrokerSecurity.scram(DEFAULT_ADMIN, SecretFiles.readOrCreate(adminPasswordFile())));
        if (config.brokerKeyStore().isEmpty()) {
            return Optional.of(security);
        }
        ClientSecurity.Store keyStore = config.brokerKeyStore().get();
        ClientSecurity.Store trustStore = client.trustStore().orElseThrow(() -> new IllegalArgumentException(
            Setting.BROKER_KEYSTORE_LOCATION.variable() + " needs " + Setting.SSL_TRUSTSTORE_LOCATION.variable()
                + ": the brokers connect to each other over TLS too"));
        return Optional.of(security.withTls(new BrokerSecurity.Tls(keyStore.location(), keyStore.password(),
            trustStore.location(), trustStore.password())));
    }

    /** A directory formatted without SCRAM has no admin credential: securing it later would lock everyone out. */
    private void requireSameSecurity(Optional<BrokerSecurity> formatted) {
        if (secure && formatted.isEmpty()) {
            throw new IllegalArgumentException(data + " holds a broker formatted without --secure; secure a new --data directory");
        }
    }

    private Path adminPasswordFile() {
        return data.resolve("admin.password").toAbsolutePath();
    }

    private String adminPasswordHint() {
        return Files.exists(adminPasswordFile())
            ? " (export KAFKA_SASL_USERNAME=" + DEFAULT_ADMIN + " KAFKA_SASL_PASSWORD_FILE=" + adminPasswordFile() + ")"
            : "";
    }
}
