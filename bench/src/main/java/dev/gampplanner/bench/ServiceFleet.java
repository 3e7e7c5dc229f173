package dev.gampplanner.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;

/**
 * The four services under test: each its own process (as deployed, so its memory can be measured),
 * or all in this process for a quick smoke run.
 */
final class ServiceFleet implements AutoCloseable {

    static final List<String> SERVICES = List.of("planner", "context", "sme", "research");
    static final List<String> AGENTS = SERVICES.subList(1, SERVICES.size());
    private static final Duration READY = Duration.ofSeconds(120);

    private final GampConfig config;
    private final InProcessServices inProcess;
    private final Path logDir;
    private final Map<String, GampProcess> processes = new LinkedHashMap<>();
    private final Map<String, ServiceHost> hosts = new LinkedHashMap<>();

    /** {@code inProcess} null: each service its own {@code gamp bench-serve} process. */
    ServiceFleet(GampConfig config, InProcessServices inProcess, Path logDir) {
        this.config = config;
        this.inProcess = inProcess;
        this.logDir = logDir;
    }

    ServiceFleet start() {
        if (inProcess != null) {
            SERVICES.forEach(service -> hosts.put(service, host(config, service)));
            return this;
        }
        for (String service : SERVICES) {
            processes.put(service, GampProcess.benchServe(service + "-" + System.nanoTime(), config.environment(), logDir, service).start());
        }
        processes.values().forEach(p -> p.awaitReady(READY));
        return this;
    }

    /** Restarts one service with changed settings (a slower agent, more worker threads). */
    void restart(String service, GampConfig changed) {
        if (inProcess != null) {
            hosts.remove(service).close();
            hosts.put(service, host(changed, service));
            return;
        }
        processes.remove(service).close();
        GampProcess process = GampProcess.benchServe(service + "-" + System.nanoTime(), changed.environment(), logDir, service).start();
        processes.put(service, process.awaitReady(READY));
    }

    /** Fails as soon as a service process has exited: the answers it owes would never come. */
    void requireRunning() {
        processes.values().forEach(GampProcess::requireAlive);
    }

    /** Resident memory of each service process, in MB; in-process, the whole JVM's. */
    Map<String, Long> residentMegabytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        if (inProcess != null) {
            rss.put("all (one process)", GampProcess.residentMegabytes(ProcessHandle.current().pid()));
        } else {
            processes.forEach((service, process) -> rss.put(service, process.residentMegabytes()));
        }
        return rss;
    }

    private ServiceHost host(GampConfig config, String service) {
        return inProcess.start(config.with(Map.of("GAMP_HTTP_PORT", "-1")), service);
    }

    @Override
    public void close() {
        hosts.values().forEach(ServiceHost::close);
        hosts.clear();
        processes.values().forEach(GampProcess::close);
        processes.clear();
    }
}
