package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.gampplanner.localkafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A real single-node Kafka broker in this process, for running services as separate processes without Docker. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Runs a single-node Kafka broker (KRaft) in this process until stopped. Data stays in --data, so a "
        + "restart on the same directory resumes with every record; the ports are remembered there too.")
public final class BrokerCommand implements Callable<Integer> {

    private static final String PORTS_FILE = "gamp-broker.ports";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Client port (default 9092, or the port this data directory used).")
    Integer port;

    @Option(names = "--controller-port", paramLabel = "N", description = "KRaft controller port (default: client port + 1).")
    Integer controllerPort;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "gamp-broker-data",
        description = "Data directory (default ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(data);
        Path remembered = data.resolve(PORTS_FILE);
        int[] previous = Files.exists(remembered)
            ? java.util.Arrays.stream(Files.readString(remembered).strip().split(":")).mapToInt(Integer::parseInt).toArray()
            : null;
        int client = port != null ? port : previous != null ? previous[0] : 9092;
        int controller = controllerPort != null ? controllerPort : previous != null && port == null ? previous[1] : client + 1;
        if (previous != null && controller != previous[1]) {
            throw new IllegalArgumentException(data + " was formatted with controller port " + previous[1]
                + "; restart it with --controller-port " + previous[1] + " (or use another --data directory)");
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(data, client, controller).start();
        Files.writeString(remembered, broker.port() + ":" + broker.controllerPort(), StandardCharsets.UTF_8);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "gamp-broker-shutdown"));
        out.println("Kafka broker ready: KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + " (data in " + data.toAbsolutePath() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
