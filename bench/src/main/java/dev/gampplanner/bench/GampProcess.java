package dev.gampplanner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;


/**
 * A {@code gamp} command running as its own operating-system process, as operators run the
 * services: the benchmark measures each one's memory, and the fault tests kill them with SIGKILL. A service starts
 * from the {@link ClassDataArchive} of its command when an earlier run made one.
 */
public final class GampProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int httpPort;
    private final ClassDataArchive archive;
    private Path stdout;
    private Process process;
    private CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);
    private Thread stopOnExit;

    /**
     * JVM settings for a service process (GAMP_SERVICE_JAVA_OPTS replaces them): a small heap that starts small
     * (the JVM's default initial heap, 1/64 of the machine, is more than -Xmx here, so the whole heap was in use from
     * the start and its young generation three times as large), grows as the load needs and is given back after a
     * collection, and the serial collector (a service is one of several JVMs sharing a small machine). Half of the
     * heap is young, with survivor spaces of a sixth of that: a plan's records live for a second or so, and with the
     * defaults (a third, an eighth) a burst promoted them early and filled the planner's old generation, which then
     * cost a collection of the whole heap every second or two. Client compilation only, which reaches steady speed in
     * seconds with a fraction of the compiler's memory. NIO copies each heap buffer a socket writes into a direct
     * buffer it then keeps per thread, as large as the largest write: the planner's clients write records of
     * megabytes, and those caches held 17 MB; buffers over 256 KB are freed after use instead. Memory malloc has freed
     * goes back to the system every 5 s.
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms32m", "-Xmx112m", "-Xss512k", "-XX:+UseSerialGC",
        "-XX:NewRatio=1", "-XX:SurvivorRatio=4", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m",
        "-XX:MaxMetaspaceSize=96m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
        "-Djdk.nio.maxCachedBufferSize=262144", "-XX:TrimNativeHeapInterval=5000");

    /** The gamp command's entry point; the benchmark and the tests run with it on their class path. */
    public static final String MAIN_CLASS = "dev.gampplanner.cli.Gamp";

    private GampProcess(String name, String classPath, List<String> arguments, Map<String, String> environment, Path logDir,
                        boolean service) {
        this.name = name;
        this.httpPort = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("GAMP_HTTP_PORT", String.valueOf(httpPort));
        // glibc gives each thread its own malloc arena; a few arenas keep a JVM's native memory small.
        this.environment.putIfAbsent("MALLOC_ARENA_MAX", "2");
        this.log = logDir.resolve(name + ".log");
        Map<String, String> seen = processEnvironment(this.environment);
        List<String> jvmOptions = new ArrayList<>();
        String options = seen.get("GAMP_SERVICE_JAVA_OPTS");
        jvmOptions.addAll(options == null || options.isBlank() ? SERVICE_JVM_OPTIONS : List.of(options.strip().split("\\s+")));
        jvmOptions.addAll(TracingAgent.jvmOptions(seen));
        jvmOptions.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.gampplanner.schema");
        this.archive = service ? ClassDataArchive.of(seen, jvmOptions, classPath, arguments)
            : ClassDataArchive.none();
        this.command = new ArrayList<>(List.of(javaBinary()));
        this.command.addAll(jvmOptions);
        this.command.addAll(archive.jvmOptions());
        this.command.addAll(List.of("-cp", classPath, MAIN_CLASS));
        this.command.addAll(arguments);
    }

    /** {@code gamp serve SERVICE...} against the given configuration. */
    public static GampProcess serve(String name, Map<String, String> environment, Path logDir, String... services) {
        return serving("serve", name, environment, logDir, services);
    }

    /** {@code gamp bench-serve SERVICE...}: as {@link #serve}, the agents slowed by {@link AgentDelays} from the environment. */
    public static GampProcess benchServe(String name, Map<String, String> environment, Path logDir, String... services) {
        return serving("bench-serve", name, environment, logDir, services);
    }

    /**
     * {@code gamp serve SERVICE...} with the classes of another class path, e.g. the jars of a built {@code gamp}
     * command: a class path of jars only, as a class-data sharing archive needs.
     */
    public static GampProcess serveFrom(String classPath, String name, Map<String, String> environment, Path logDir,
                                        String... services) {
        return serving(classPath, "serve", name, environment, logDir, services);
    }

    private static GampProcess serving(String command, String name, Map<String, String> environment, Path logDir,
                                       String... services) {
        return serving(System.getProperty("java.class.path"), command, name, environment, logDir, services);
    }

    private static GampProcess serving(String classPath, String command, String name, Map<String, String> environment,
                                       Path logDir, String... services) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of(services));
        return new GampProcess(name, classPath, arguments, environment, logDir, true);
    }

    /** Any gamp command, e.g. {@code broker --port ...}. */
    public static GampProcess command(String name, Map<String, String> environment, Path logDir, String... arguments) {
        return new GampProcess(name, System.getProperty("java.class.path"), List.of(arguments), environment, logDir, false);
    }

    /**
     * Standard output to a file of its own, standard error alone to the log: a line of megabytes on one stream and a
     * line on the other, written to one file, can interleave mid-line.
     */
    public GampProcess stdoutTo(Path file) {
        this.stdout = file;
        return this;
    }

    public GampProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stdout == null) {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        settled = process.onExit().thenAccept(exited -> archive.settle(exited.exitValue()));
        // A service outliving the command that started it (an interrupted benchmark) would keep its share of the
        // machine and its consumer groups; it is asked to stop when this JVM exits.
        stopOnExit = new Thread(process::destroy, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        return this;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Fails, with the end of its log, when the process has exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    /** Waits until the process's /ready endpoint answers 200 (every service in it is running). */
    public GampProcess awaitReady(Duration timeout) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUp) {
            if (ready()) {
                return this;
            }
            waitFor(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** Whether the process's /ready endpoint answers 200 now; fails when the process has exited. */
    public boolean ready() {
        requireAlive();
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/ready").toURL()
                .openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            // The endpoint opens once the process has started its services.
            return false;
        }
    }

    /** Waits until the process has written {@code text} to its output. */
    public GampProcess awaitOutput(String text, Duration timeout) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUp) {
            if (Files.exists(log) && read().contains(text)) {
                return this;
            }
            requireAlive();
            waitFor(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " did not print '" + text + "' within " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** The Prometheus text of the process's metrics endpoint. */
    public String metrics() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + "/metrics").toURL()
                .openConnection();
            // A process too busy to answer within seconds is a finding for the caller, not a reason to wait for ever.
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(10000);
            return new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics of " + name, e);
        }
    }

    /** Whether this process, once ready, started from a class-data sharing archive an earlier run made (it maps the file). */
    public boolean fromArchive() {
        return process.isAlive() && archive.mappedBy(process.pid());
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** CPU time, user and system, that a process has used since it started; empty where the platform does not say. */
    public static Optional<Duration> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().totalCpuDuration());
    }

    /** Resident set size of the process now, from /proc (Linux); -1 where that is not available. */
    public long residentMegabytes() {
        return residentMegabytes(process.pid());
    }

    /** Resident set size of any process, from /proc (Linux); -1 where that is not available. */
    public static long residentMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
        settleArchive();
        forgetShutdownHook();
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
        settleArchive();
        forgetShutdownHook();
    }

    /** Once the process has exited: the next start of the same command finds the archive this one wrote, or none. */
    private void settleArchive() {
        if (process != null && !process.isAlive()) {
            settled.join();
        }
    }

    private void forgetShutdownHook() {
        if (stopOnExit == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // This JVM is exiting; the hook runs and finds the process gone.
        }
        stopOnExit = null;
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

    /** What the process sees: this JVM's environment with the given variables over it. */
    private static Map<String, String> processEnvironment(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(System.getenv());
        merged.putAll(overrides);
        return merged;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
