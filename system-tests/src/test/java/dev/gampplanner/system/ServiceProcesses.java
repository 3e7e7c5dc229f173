package dev.gampplanner.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gampplanner.bench.GampProcess;

/**
 * The service processes of a test, by name, each a {@code gamp bench-serve} of its own; stopped together at the end.
 * The CPU each name's processes used is kept across kills, so a restarted service's figure covers both lives.
 */
final class ServiceProcesses implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(120);

    private final Map<String, String> env;
    private final Path dir;
    private final Map<String, GampProcess> running = new LinkedHashMap<>();
    private final Map<String, String[]> services = new HashMap<>();
    private final Map<String, Duration> cpuOfEnded = new HashMap<>();

    ServiceProcesses(Map<String, String> env, Path dir) {
        this.env = env;
        this.dir = dir;
    }

    ServiceProcesses start(String name, String... serviceNames) {
        launch(name, serviceNames).awaitReady(READY);
        return this;
    }

    /** SIGKILL, then the same services started again at once; waits until they are ready. */
    void crashAndRestart(String name) {
        kill(name);
        start(name, services.get(name));
    }

    /** SIGKILL; the CPU the process used up to then is kept. */
    void kill(String name) {
        GampProcess process = running.remove(name);
        Duration used = cpu(process);
        process.kill();
        cpuOfEnded.merge(name, used, Duration::plus);
    }

    /**
     * Starts a killed name's services again and returns the time from launch until its /ready answered 200 (for an
     * agent: every worker holds its share-group assignment), checked every 20 ms.
     */
    Duration restart(String name) {
        long launched = System.nanoTime();
        GampProcess process = launch(name, services.get(name));
        long giveUp = launched + READY.toNanos();
        while (!process.ready()) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException(name + " not ready within " + READY.toSeconds() + " s of its restart");
            }
            pause();
        }
        return Duration.ofNanos(System.nanoTime() - launched);
    }

    double metric(String name, String prefix) {
        return running.get(name).metrics().lines().filter(l -> l.startsWith(prefix))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** CPU time used by each name's processes so far, killed ones included. */
    Map<String, Duration> cpu() {
        Map<String, Duration> used = new LinkedHashMap<>();
        services.keySet().forEach(name -> used.put(name, cpuOfEnded.getOrDefault(name, Duration.ZERO)
            .plus(running.containsKey(name) ? cpu(running.get(name)) : Duration.ZERO)));
        return used;
    }

    @Override
    public void close() {
        running.values().forEach(GampProcess::close);
    }

    private GampProcess launch(String name, String... serviceNames) {
        services.put(name, serviceNames);
        GampProcess process = GampProcess.benchServe(name + "-" + System.nanoTime(), env, dir, serviceNames).start();
        running.put(name, process);
        return process;
    }

    private static Duration cpu(GampProcess process) {
        return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a restart", e);
        }
    }
}
