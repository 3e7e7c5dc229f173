package dev.gampplanner.bench;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;

import io.micrometer.core.instrument.Gauge;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import dev.gampplanner.schema.AgentKind;

/**
 * The four services under test: each its own process (as deployed, so its memory can be measured),
 * or all in this process for a quick smoke run. A service counts as ready when its /ready endpoint says so
 * and, for an agent, when every one of its workers holds a share-group assignment. A process that exits before it
 * is ready is launched again, up to {@value #LAUNCHES} times in all: on a machine this busy a start can miss the
 * broker's answer to its reachability check; how often that happened is counted, and the time to ready includes it.
 */
final class ServiceFleet implements AutoCloseable {

    static final List<String> SERVICES = List.of("planner", "context", "sme", "research");
    static final List<String> AGENTS = SERVICES.subList(1, SERVICES.size());
    /** The benchmark's own process: the load generator, and the broker unless KAFKA_BOOTSTRAP_SERVERS names one. */
    static final String BENCH_PROCESS = "bench";
    /** Every service and the broker in this one JVM ({@code --in-process}). */
    static final String ONE_PROCESS = "all (one process)";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final int LAUNCHES = 3;
    private static final String SHARE_GROUP_LAG = "gamp.share.group.lag";

    private final GampConfig config;
    private final InProcessServices inProcess;
    private final Path logDir;
    private final Admin admin;
    private final ShareAssignments assignments;
    private final Map<String, GampConfig> configs = new LinkedHashMap<>();
    private final Map<String, GampProcess> processes = new LinkedHashMap<>();
    private final Map<String, ServiceHost> hosts = new LinkedHashMap<>();
    private final Map<String, Double> readySeconds = new LinkedHashMap<>();
    private final Set<String> fromArchive = new LinkedHashSet<>();
    private final Map<String, Integer> launches = new LinkedHashMap<>();
    private int relaunches;

    /** {@code inProcess} null: each service its own {@code gamp bench-serve} process. */
    ServiceFleet(GampConfig config, InProcessServices inProcess, Path logDir) {
        this.config = config;
        this.inProcess = inProcess;
        this.logDir = logDir;
        this.admin = KafkaClients.admin(config);
        this.assignments = new ShareAssignments(admin);
    }

    /** Starts every service at once and waits until each is ready, noting how long each took. */
    ServiceFleet start() throws InterruptedException {
        long started = System.nanoTime();
        SERVICES.forEach(service -> launch(service, config));
        List<String> pending = new ArrayList<>(SERVICES);
        while (!pending.isEmpty()) {
            for (String service : List.copyOf(pending)) {
                if (ready(service)) {
                    readySeconds.put(service, (System.nanoTime() - started) / 1e9);
                    if (processes.containsKey(service) && processes.get(service).fromArchive()) {
                        fromArchive.add(service);
                    }
                    pending.remove(service);
                }
            }
            if (System.nanoTime() - started > READY.toNanos()) {
                throw new IllegalStateException(pending + " not ready within " + READY.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return this;
    }

    /** Restarts one service with changed settings (a slower agent, more worker threads) and waits until it is ready. */
    void restart(String service, GampConfig changed) throws InterruptedException {
        if (inProcess != null) {
            hosts.remove(service).close();
        } else {
            processes.remove(service).close();
        }
        launches.put(service, 0);
        launch(service, changed);
        long giveUp = System.nanoTime() + READY.toNanos();
        while (!ready(service)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException(service + " not ready within " + READY.toSeconds() + " s after a restart");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Seconds from the launch of the fleet until each service was ready. */
    Map<String, Double> readySeconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(readySeconds));
    }

    /**
     * The services whose process started from a class-data sharing archive of an earlier run (see {@link ClassDataArchive});
     * on a fresh build none: that start makes the archives.
     */
    Set<String> fromArchive() {
        return Set.copyOf(fromArchive);
    }

    /** Service processes launched again after exiting before they were ready. */
    int relaunches() {
        return relaunches;
    }

    /** Fails as soon as a service process has exited: the answers it owes would never come. */
    void requireRunning() {
        processes.values().forEach(GampProcess::requireAlive);
    }

    /** Resident memory of each service process, in MB; in-process, the whole JVM's. */
    Map<String, Long> residentMegabytes() {
        Map<String, Long> rss = new LinkedHashMap<>();
        if (inProcess != null) {
            rss.put(ONE_PROCESS, GampProcess.residentMegabytes(ProcessHandle.current().pid()));
        } else {
            processes.forEach((service, process) -> rss.put(service, process.residentMegabytes()));
        }
        return rss;
    }

    /**
     * CPU time each process has used so far: each service's, and this one's under {@link #BENCH_PROCESS} (the load
     * generator, and the broker when it runs in-process); in-process, the whole JVM's alone. A process whose CPU time
     * the platform does not report is left out.
     */
    Map<String, Duration> cpuTimes() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        if (inProcess == null) {
            processes.forEach((service, process) -> GampProcess.cpuTime(process.pid()).ifPresent(time -> cpu.put(service, time)));
        }
        GampProcess.cpuTime(ProcessHandle.current().pid())
            .ifPresent(time -> cpu.put(inProcess == null ? BENCH_PROCESS : ONE_PROCESS, time));
        return cpu;
    }

    /** The fleet's broker client, for looks at its groups. */
    Admin admin() {
        return admin;
    }

    /**
     * The agent's share-group lag as its service exports it (gamp_share_group_lag, refreshed every few seconds);
     * NaN before its first measurement or when the service does not answer the scrape.
     */
    double shareGroupLag(AgentKind agent) {
        String service = agent.name().toLowerCase(Locale.ROOT);
        if (inProcess != null) {
            Gauge gauge = hosts.get(service).observability().registry().find(SHARE_GROUP_LAG).gauge();
            return gauge == null ? Double.NaN : gauge.value();
        }
        try {
            return PrometheusText.sum(processes.get(service).metrics(), SHARE_GROUP_LAG.replace('.', '_'));
        } catch (UncheckedIOException notAnswering) {
            return Double.NaN;
        }
    }

    private void launch(String service, GampConfig settings) {
        configs.put(service, settings);
        launches.merge(service, 1, Integer::sum);
        if (inProcess != null) {
            hosts.put(service, inProcess.start(settings.with(Map.of("GAMP_HTTP_PORT", "-1")), service));
        } else {
            processes.put(service, GampProcess.benchServe(service + "-" + System.nanoTime(), settings.environment(), logDir, service)
                .start());
        }
    }

    private boolean ready(String service) throws InterruptedException {
        GampProcess process = processes.get(service);
        if (process != null && !process.alive()) {
            if (launches.get(service) >= LAUNCHES) {
                process.requireAlive();
            }
            process.close();
            relaunches++;
            launch(service, configs.get(service));
            return false;
        }
        if (process != null && !process.ready()) {
            return false;
        }
        if (!AGENTS.contains(service)) {
            return true;
        }
        AgentKind kind = AgentKind.valueOf(service.toUpperCase(Locale.ROOT));
        GampConfig settings = configs.get(service);
        return assignments.assignedMembers(settings.topics().shareGroup(kind)) >= settings.agent(kind).workerThreads();
    }

    @Override
    public void close() {
        hosts.values().forEach(ServiceHost::close);
        hosts.clear();
        processes.values().forEach(GampProcess::close);
        processes.clear();
        admin.close();
    }
}
