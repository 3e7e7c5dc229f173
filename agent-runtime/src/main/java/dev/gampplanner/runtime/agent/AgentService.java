package dev.gampplanner.runtime.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gampplanner.runtime.config.AgentSettings;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.lifecycle.ManagedService;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.runtime.topics.TopicProvisioner;

/**
 * An agent service: N worker threads in the agent's share group, each with its own share consumer.
 * Operators scale it by adding threads ({@code GAMP_<AGENT>_WORKER_THREADS}) or instances; the share
 * group spreads requests over every worker, beyond the partition count.
 */
public final class AgentService implements ManagedService {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    /** The broker allows share.delivery.count.limit in [2, 10] unless configured otherwise. */
    private static final int MIN_DELIVERY_LIMIT = 2;
    private static final int MAX_DELIVERY_LIMIT = 10;
    /** How long a start waits for the brokers to apply the share group's settings; they take milliseconds. */
    private static final Duration SETTINGS_APPLIED_WITHIN = Duration.ofSeconds(10);
    private static final Duration SETTINGS_POLL = Duration.ofMillis(20);

    private final GampConfig config;
    private final Agent agent;
    private final AgentSettings settings;
    private final Observability observability;
    private final String name;
    private KafkaProducer<byte[], byte[]> producer;
    private volatile WorkerPool workers;
    private volatile ShareGroupMonitor monitor;

    public AgentService(GampConfig config, Agent agent, Observability observability) {
        this.config = config;
        this.agent = agent;
        this.settings = config.agent(agent.kind());
        this.observability = observability;
        this.name = TopicCatalog.agentName(agent.kind()) + "-agent";
    }

    @Override
    public String name() {
        return name;
    }

    public String groupId() {
        return config.topics().shareGroup(agent.kind());
    }

    @Override
    public synchronized void start() {
        try (Admin admin = KafkaClients.admin(config)) {
            new TopicProvisioner(admin, config).prepareForService(new TopicAccess(config.topics()).topicsOf(Role.of(agent.kind())));
            configureShareGroup(admin);
        }
        producer = KafkaClients.producer(config, name);
        WorkerMetrics metrics = new WorkerMetrics(observability.registry(), TopicCatalog.agentName(agent.kind()));
        TopicCatalog catalog = config.topics();
        String requestTopic = catalog.agentRequests(agent.kind());
        List<String> workerIds = IntStream.range(0, settings.workerThreads()).mapToObj(i -> name + "-" + i).toList();
        workers = new WorkerPool(workerIds, (workerId, clientId) -> new ShareGroupWorker(workerId, agent, settings,
            config.ursLimits().maxBytes(), requestTopic, catalog.agentResults(agent.kind()),
            KafkaClients.shareConsumer(config, clientId, groupId(), settings.maxPollRecords()), producer, metrics,
            Clock.systemUTC()), metrics);
        WorkerPool pool = workers;
        monitor = new ShareGroupMonitor(KafkaClients.admin(config), groupId(), requestTopic, () -> pool.runningClientIds().stream()
            .map(id -> id.map(clientId -> KafkaClients.clientId(config, clientId))).toList(), metrics);
        workers.start();
        monitor.start();
        observability.register(name, this::health);
        log.info("{} started: {} worker(s) in share group {}, knowledge base {}", name, settings.workerThreads(), groupId(),
            agent.identity().knowledgeBaseVersion());
    }

    /**
     * The share group reads from the earliest offset (no request published before the first worker
     * started is skipped) and only committed records (a request from a planner transaction that later
     * aborts is never worked on), holds a request for the configured lock duration, and allows a few
     * more deliveries than the agent's own attempts so a worker crash still leaves room for a FAILED answer. It assigns
     * a joining worker its partitions on the heartbeat it joins with: the broker's default batches assignments a
     * second apart, which a restarted or added worker waits out before it takes work.
     */
    private void configureShareGroup(Admin admin) {
        int deliveryLimit = Math.max(MIN_DELIVERY_LIMIT, Math.min(MAX_DELIVERY_LIMIT, settings.maxAttempts() + 2));
        List<AlterConfigOp> wanted = List.of(
            set("share.auto.offset.reset", "earliest"),
            set("share.isolation.level", "read_committed"),
            set("share.record.lock.duration.ms", String.valueOf(settings.lockDuration().toMillis())),
            set("share.delivery.count.limit", String.valueOf(deliveryLimit)),
            set("share.renew.acknowledge.enable", "true"),
            set("share.assignment.interval.ms", "0"));
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId());
        try {
            admin.incrementalAlterConfigs(Map.of(group, wanted)).all().get();
        } catch (ExecutionException e) {
            // Running with settings other than these would break a promise quietly (a skipped request, an
            // aborted one worked on, a lock shorter than the renewals), so a refusal stops the start.
            throw new IllegalStateException("the broker refused the settings of share group " + groupId() + " ("
                + describe(wanted) + "): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group " + groupId(), e);
        }
        awaitApplied(admin, group, wanted);
    }

    /**
     * The controller holds the settings once the change returns, but a broker applies them from its copy of the
     * metadata a moment later (a read right after the change has returned the default {@code latest}): a worker that
     * joined before the group's coordinator had them could start the group at the end of the topic and skip every
     * request already waiting. So the workers start only once a broker reads the settings back.
     */
    private void awaitApplied(Admin admin, ConfigResource group, List<AlterConfigOp> wanted) {
        long deadline = System.nanoTime() + SETTINGS_APPLIED_WITHIN.toNanos();
        try {
            while (true) {
                Config applied = admin.describeConfigs(List.of(group)).all().get().get(group);
                List<AlterConfigOp> pending = wanted.stream().filter(op -> applied.get(op.configEntry().name()) == null
                    || !op.configEntry().value().equals(applied.get(op.configEntry().name()).value())).toList();
                if (pending.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the brokers did not apply the settings of share group " + groupId()
                        + " within " + SETTINGS_APPLIED_WITHIN.toSeconds() + " s: " + describe(pending) + " still read otherwise");
                }
                Thread.sleep(SETTINGS_POLL.toMillis());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read back the settings of share group " + groupId() + ": "
                + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share group " + groupId(), e);
        }
    }

    private static String describe(List<AlterConfigOp> settings) {
        return settings.stream().map(op -> op.configEntry().name() + "=" + op.configEntry().value())
            .collect(Collectors.joining(", "));
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    /**
     * UP once every worker's share consumer holds its assignment, as the broker lists the group's members: before that
     * a worker cannot receive a request, and a service that says it is ready must take work. A worker being replaced
     * makes it STARTING again, not DOWN: the pool replaces it without a restart of the process.
     */
    @Override
    public Health health() {
        WorkerPool pool = workers;
        ShareGroupMonitor watch = monitor;
        if (pool == null || watch == null) {
            return Health.starting("no workers yet");
        }
        long waiting = watch.unassigned();
        return waiting == 0
            ? Health.up(pool.size() + " worker(s) assigned in " + groupId())
            : Health.starting(waiting + " of " + pool.size() + " worker(s) waiting for a share-group assignment in " + groupId());
    }

    @Override
    public synchronized void close() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        log.info("{} stopped", name);
    }
}
