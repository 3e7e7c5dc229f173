package dev.gampplanner.cli.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Zipkin server (in-memory storage, its web UI) as a child process on loopback: the local trace view. Zipkin has no
 * OTLP receiver, so the services' OpenTelemetry agent sends to it with its Zipkin exporter.
 */
public final class ZipkinServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 9411;
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final int port;
    private final Process process;

    private ZipkinServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts the server and returns once it answers; its output goes to {@code log}, or to this process's if null. */
    public static ZipkinServer start(int port, Path log, PrintWriter stderr) {
        Path jar = ZipkinJar.resolve(stderr);
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
            "-Xmx256m", "-jar", jar.toString(), "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Zipkin server: " + e.getMessage(), e);
        }
        ZipkinServer server = new ZipkinServer(port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-zipkin"));
        server.awaitHealthy();
        return server;
    }

    /** Whether a Zipkin server already answers on this loopback port. */
    public static boolean answers(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base(port) + "/health").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            return connection.getResponseCode() == 200;
        } catch (IOException notThere) {
            return false;
        }
    }

    /** Where the agent's Zipkin exporter sends spans. */
    public static String spansEndpoint(int port) {
        return base(port) + "/api/v2/spans";
    }

    /** The web UI. */
    public static String home(int port) {
        return base(port) + "/zipkin/";
    }

    /** The web page of a trace is this followed by the trace id. */
    public static String traceView(int port) {
        return home(port) + "traces/";
    }

    public int port() {
        return port;
    }

    /** Blocks until the server stops (Ctrl-C). */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy() {
        long giveUp = System.nanoTime() + STARTUP.toNanos();
        while (!answers(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Zipkin server exited with " + process.exitValue() + " while starting");
            }
            if (System.nanoTime() > giveUp) {
                close();
                throw new IllegalStateException("the Zipkin server did not answer on port " + port + " within "
                    + STARTUP.toSeconds() + " s");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while the Zipkin server started", e);
            }
        }
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
