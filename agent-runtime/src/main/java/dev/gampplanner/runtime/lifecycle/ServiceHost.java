package dev.gampplanner.runtime.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.observability.Observability;

/**
 * Runs a process's services: starts them in order with one metrics endpoint, and stops them in
 * reverse order on SIGTERM/SIGINT (or {@link #stop()}), each finishing or handing back its work.
 */
public final class ServiceHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceHost.class);

    private final GampConfig config;
    private final Observability observability = new Observability();
    private final List<ManagedService> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private int httpPort = -1;

    public ServiceHost(GampConfig config) {
        this.config = config;
        config.warnings().forEach(warning -> log.warn(warning));
    }

    public Observability observability() {
        return observability;
    }

    /** Port of the metrics and health endpoint, or -1 when it is off. */
    public int httpPort() {
        return httpPort;
    }

    /**
     * Starts the services built by {@code factories}, side by side (they depend on each other only
     * through topics). If one cannot start, every service is stopped and its error rethrown.
     */
    public synchronized ServiceHost start(List<Function<Observability, ManagedService>> factories) {
        httpPort = observability.serve(config.httpPort());
        List<ManagedService> services = factories.stream().map(f -> f.apply(observability)).toList();
        List<CompletableFuture<Void>> starting = services.stream()
            .map(service -> CompletableFuture.runAsync(service::start, runnable -> {
                Thread thread = new Thread(runnable, "start-" + service.name());
                thread.setDaemon(true);
                thread.start();
            }))
            .toList();
        RuntimeException failure = null;
        for (int i = 0; i < services.size(); i++) {
            try {
                starting.get(i).join();
                started.add(services.get(i));
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                log.error("{} could not start: {}", services.get(i).name(), cause.getMessage());
                services.get(i).close();
                failure = failure == null ? cause : failure;
            }
        }
        if (failure != null) {
            close();
            throw failure;
        }
        observability.markStarted();
        return this;
    }

    /** Blocks until the process is asked to stop (SIGTERM, SIGINT) and every service has stopped. */
    public void runUntilShutdown() {
        Thread hook = new Thread(this::close, "gamp-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        List<ManagedService> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        for (ManagedService service : reversed) {
            try {
                service.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", service.name(), e.toString());
            }
        }
        started.clear();
        observability.close();
        stopped.countDown();
    }
}
