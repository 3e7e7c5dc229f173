package dev.gampplanner.system;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.bench.AgentDelays;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ServiceHost;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.testing.TestConfigs;

/**
 * A whole GAMP Planner on a real broker, in its own topic namespace: services started by name, a
 * desk to submit requests and collect their answers.
 */
final class PlannerFixture implements AutoCloseable {

    final GampConfig config;
    private final Map<String, ServiceHost> hosts = new LinkedHashMap<>();
    private GampConfig deskConfig;
    private PlanDesk desk;

    PlannerFixture(TestBroker broker, Path state, Map<String, String> overrides) {
        this(TestConfigs.fresh(broker, state, overrides));
    }

    private PlannerFixture(GampConfig config) {
        this.config = config;
        this.deskConfig = config;
    }

    /** Only the desk: the services run elsewhere (in other processes). Creates the topics it reads. */
    static PlannerFixture deskOnly(GampConfig config) {
        try (var admin = dev.gampplanner.runtime.kafka.KafkaClients.admin(config)) {
            new dev.gampplanner.runtime.topics.TopicProvisioner(admin, config).apply();
        }
        return new PlannerFixture(config);
    }

    /**
     * Starts {@code services} (as 'gamp serve' names them) in a host of their own, so they can be stopped apart; agents
     * slowed by {@link AgentDelays} when the overrides set them.
     */
    PlannerFixture start(String hostName, String... services) {
        return start(hostName, Map.of(), services);
    }

    /** Starts {@code services} in a host of their own whose configuration differs by {@code overrides} (its own signing key, say). */
    PlannerFixture start(String hostName, Map<String, String> overrides, String... services) {
        GampConfig hostConfig = config.with(overrides);
        hosts.put(hostName, new ServiceHost(hostConfig).start(ServiceCatalog.resolve(hostConfig, List.of(services),
            AgentDelays.fromEnvironment(hostConfig.environment())::wrap)));
        return this;
    }

    /** The desk submits as an upstream system configured by {@code overrides} (with the submitter's signing key, say). */
    PlannerFixture deskAs(Map<String, String> overrides) {
        if (desk != null) {
            throw new IllegalStateException("the desk is already open");
        }
        deskConfig = config.with(overrides);
        return this;
    }

    void stop(String hostName) {
        hosts.remove(hostName).close();
    }

    /** The health of every service started, by name. */
    Map<String, Health> health() {
        Map<String, Health> health = new LinkedHashMap<>();
        hosts.values().forEach(host -> health.putAll(host.observability().health()));
        return health;
    }

    PlanDesk desk() {
        if (desk == null) {
            desk = new PlanDesk(deskConfig);
        }
        return desk;
    }

    List<PlanDesk.Submission> submitAll(List<UrsFile> documents, Duration deadline) {
        List<PlanDesk.Submission> submissions = new ArrayList<>();
        for (UrsFile document : documents) {
            submissions.add(desk().submit(document, null, Instant.now().plus(deadline), "system test"));
        }
        return submissions;
    }

    /** Collects answers until {@code count} have arrived, or fails after {@code timeout}. */
    List<PlanDesk.Answer> awaitAnswers(int count, Duration timeout) {
        List<PlanDesk.Answer> answers = new ArrayList<>();
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (answers.size() < count) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("only " + answers.size() + " of " + count + " answers within " + timeout.toSeconds()
                    + " s; waiting for " + desk().waiting());
            }
            answers.addAll(desk().poll(Duration.ofMillis(200)));
        }
        return answers;
    }

    @Override
    public void close() {
        if (desk != null) {
            desk.close();
        }
        List<String> names = new ArrayList<>(hosts.keySet());
        java.util.Collections.reverse(names);
        names.forEach(name -> hosts.remove(name).close());
    }
}
