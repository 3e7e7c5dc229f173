package dev.gampplanner.localkafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a {@link KafkaCluster}, in a JVM of its own: {@code KafkaNode DIR} runs the node whose spec is
 * stored in {@code DIR} until the process is stopped or the process that started it ends, and marks the directory
 * ready once the node serves clients.
 */
public final class KafkaNode {

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);
    static final String READY_MARKER = "ready";

    private KafkaNode() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: KafkaNode DATA_DIR (holding the node's spec)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.deleteIfExists(dir.resolve(READY_MARKER));
        try {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.node(dir, NodeSpec.load(dir));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.stop();
                stopped.countDown();
            }, "kafka-node-shutdown"));
            // A node outliving the process that started it (killed, or crashed) would hold its ports and data.
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
            broker.start();
            Files.writeString(dir.resolve(READY_MARKER), String.valueOf(ProcessHandle.current().pid()));
            stopped.await();
        } catch (RuntimeException e) {
            log.error("Kafka node in {} failed to start", dir, e);
            System.exit(1);
        }
    }
}
