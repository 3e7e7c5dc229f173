package dev.gampplanner.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gampplanner.cli.Gamp;

/**
 * A {@code gamp} command running as its own operating-system process, as operators run the
 * services: killed with SIGKILL when a test wants a crash, not a shutdown.
 */
final class GampProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int httpPort;
    private Process process;

    private GampProcess(String name, List<String> arguments, Map<String, String> environment, Path logDir) {
        this.name = name;
        this.httpPort = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("GAMP_HTTP_PORT", String.valueOf(httpPort));
        this.log = logDir.resolve(name + ".log");
        this.command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.gampplanner.schema",
            "-cp", System.getProperty("java.class.path"), Gamp.class.getName()));
        this.command.addAll(arguments);
    }

    /** {@code gamp serve SERVICE...} against the given configuration. */
    static GampProcess serve(String name, Map<String, String> environment, Path logDir, String... services) {
        List<String> arguments = new ArrayList<>(List.of("serve"));
        arguments.addAll(List.of(services));
        return new GampProcess(name, arguments, environment, logDir);
    }

    /** Any gamp command, e.g. {@code broker --port ...}. */
    static GampProcess command(String name, Map<String, String> environment, Path logDir, String... arguments) {
        return new GampProcess(name, List.of(arguments), environment, logDir);
    }

    GampProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /** Waits until the process's /ready endpoint answers 200 (every service in it is running). */
    GampProcess awaitReady(Duration timeout) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/ready").toURL()
                    .openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // The endpoint opens once the process has started its services.
            }
            waitFor(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " not ready within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** Waits until the process has written {@code text} to its output. */
    GampProcess awaitOutput(String text, Duration timeout) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUp) {
            if (Files.exists(log) && read().contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            waitFor(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " did not print '" + text + "' within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** The Prometheus text of the process's metrics endpoint. */
    String metrics() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/metrics").toURL()
                .openConnection();
            return new String(connection.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics of " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String read() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        String text = read();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** A bounded wait between polls of another process: nothing in this JVM can signal it. */
    private static void waitFor(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
