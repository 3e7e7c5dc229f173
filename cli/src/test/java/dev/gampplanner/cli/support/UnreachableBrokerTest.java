package dev.gampplanner.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs gamp commands as their own process against a port where nothing listens. */
class UnreachableBrokerTest {

    /** The check waits 6 s; the rest is a JVM starting on a machine that may be busy. */
    @ParameterizedTest
    @ValueSource(strings = {"topics check", "submit ../examples/urs/URS-001.md", "audit verify", "security apply", "security keys"})
    void saysOnceWhichAddressItCouldNotReach(String command) throws Exception {
        String address = "127.0.0.1:" + freePort();
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "dev.gampplanner.cli.Gamp"));
        args.addAll(List.of(command.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", address);
        builder.environment().remove("GAMP_LOG_KAFKA");
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command ended");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(2, process.exitValue(), stderr);
        List<String> lines = stderr.lines().toList();
        assertEquals(1, lines.size(), stderr);
        assertTrue(lines.get(0).contains("KAFKA_BOOTSTRAP_SERVERS=" + address), lines.get(0));
        assertTrue(lines.get(0).contains("gamp broker"), lines.get(0));
        assertEquals("", stdout);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
        System.out.printf("%s against %s: exit 2 after %d ms%n", command, address, took.toMillis());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
