package dev.gampplanner.cli.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gampplanner.bench.GampProcess;

/**
 * Services each in a process of its own with the OpenTelemetry agent attached, sending spans to a Zipkin server:
 * one process per service, so that the trace view names the service of every span.
 */
public final class TracedServices implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final List<GampProcess> processes = new ArrayList<>();

    private TracedServices() {
    }

    /** Starts every service (all at once, so their start-ups overlap) and returns once each is ready. */
    public static TracedServices start(Map<String, String> settings, List<String> services, String spansEndpoint, Path logDir) {
        TracedServices started = new TracedServices();
        try {
            for (String service : services) {
                Map<String, String> env = new HashMap<>(settings);
                env.put("OTEL_SERVICE_NAME", "gamp-" + service.toLowerCase(Locale.ROOT));
                env.put("OTEL_TRACES_EXPORTER", "zipkin");
                env.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", spansEndpoint);
                env.put("OTEL_METRICS_EXPORTER", "none");
                env.put("OTEL_LOGS_EXPORTER", "none");
                started.processes.add(GampProcess.serve(service, env, logDir, service).start());
            }
            started.processes.forEach(process -> process.awaitReady(STARTUP));
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Override
    public void close() {
        processes.forEach(GampProcess::close);
    }
}
