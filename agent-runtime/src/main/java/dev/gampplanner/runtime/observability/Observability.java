package dev.gampplanner.runtime.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A process's metrics registry and its HTTP endpoint: {@code /metrics} in Prometheus format,
 * {@code /health} (200 unless a component is DOWN) and {@code /ready} (200 once every service of the process has
 * started and every component is UP).
 */
public final class Observability implements AutoCloseable {

    /** Paths of the endpoint, as deployments name them in their probes and scrape configurations. */
    public static final String METRICS_PATH = "/metrics";
    public static final String HEALTH_PATH = "/health";
    public static final String READY_PATH = "/ready";

    private static final Logger log = LoggerFactory.getLogger(Observability.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Supplier<Health>> components = new ConcurrentSkipListMap<>();
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private HttpServer server;
    private volatile boolean started;

    public Observability() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void register(String component, Supplier<Health> health) {
        components.put(component, health);
    }

    /** Every component's health, by name. */
    public Map<String, Health> health() {
        return components.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(),
            (a, b) -> a, ConcurrentSkipListMap::new));
    }

    /**
     * Called once every service of the process has started: a process whose services started in part is never ready,
     * even for the moment before it stops the ones that did.
     */
    public void markStarted() {
        started = true;
    }

    public boolean isReady() {
        return started && health().values().stream().allMatch(h -> h.status() == Health.Status.UP);
    }

    /**
     * Serves the endpoint on {@code port} (0 picks a free port, -1 serves nothing).
     *
     * @return the port served, or -1
     */
    public synchronized int serve(int port) {
        if (port < 0) {
            return -1;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + " (set GAMP_HTTP_PORT)", e);
        }
        server.createContext(METRICS_PATH, exchange -> respond(exchange, 200, registry.scrape(), "text/plain; version=0.0.4"));
        server.createContext(HEALTH_PATH, exchange -> {
            boolean down = health().values().stream().anyMatch(h -> h.status() == Health.Status.DOWN);
            respond(exchange, down ? 503 : 200, describeHealth(), "text/plain");
        });
        server.createContext(READY_PATH, exchange -> respond(exchange, isReady() ? 200 : 503, describeHealth(), "text/plain"));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "gamp-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        int bound = server.getAddress().getPort();
        log.info("metrics on http://localhost:{}/metrics, health on /health and /ready", bound);
        return bound;
    }

    private String describeHealth() {
        StringBuilder text = new StringBuilder();
        health().forEach((name, h) -> text.append(name).append(' ').append(h.status()).append(' ').append(h.detail()).append('\n'));
        return text.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        gcMetrics.close();
        registry.close();
    }
}
