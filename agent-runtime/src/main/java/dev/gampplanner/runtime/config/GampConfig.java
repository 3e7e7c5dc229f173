package dev.gampplanner.runtime.config;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;

/**
 * GAMP Planner's configuration, read once at start-up from environment variables (see {@link Setting}).
 *
 * <p>Every value is validated up front and every problem is reported together, so a service never
 * starts half-configured and an operator fixes all mistakes in one go.
 */
public final class GampConfig {

    private static final String CLIENT_PREFIX = "KAFKA_CLIENT_";

    private final Map<String, String> environment;
    private final List<String> warnings;

    private final String bootstrapServers;
    private final Map<String, Object> clientOverrides;
    private final ClientSecurity clientSecurity;
    private final Optional<ClientSecurity.Store> brokerKeyStore;
    private final Optional<KeyPair> signingKey;
    private final TopicCatalog topics;
    private final int partitions;
    private final short replicationFactor;
    private final int minInsyncReplicas;
    private final Duration defaultDeadline;
    private final Duration maxDeadline;
    private final UrsLimits ursLimits;
    private final Map<AgentKind, AgentSettings> agents;
    private final Map<AgentKind, ModelSettings> models;
    private final Path stateDir;
    private final Optional<String> instanceId;
    private final Duration commitInterval;
    private final Duration producerLinger;
    private final Duration deadlineCheckInterval;
    private final Duration deadlineMaxLead;
    private final Duration intakeMinTimeLeft;
    private final Duration planRetention;
    private final Duration orphanTimeout;
    private final int embeddingCacheSize;
    private final int httpPort;

    private GampConfig(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        EnvironmentReader env = new EnvironmentReader(this.environment);
        bootstrapServers = env.text(Setting.BOOTSTRAP_SERVERS);
        if (bootstrapServers.isBlank()) {
            env.problem(Setting.BOOTSTRAP_SERVERS.variable() + " must name at least one host:port");
        }
        clientOverrides = clientOverrides(environment);
        clientSecurity = ClientSecurity.read(env);
        brokerKeyStore = ClientSecurity.Store.read(env, Setting.BROKER_KEYSTORE_LOCATION, Setting.BROKER_KEYSTORE_PASSWORD);
        topics = topicCatalog(env);
        signingKey = signingKey(env);
        partitions = env.integer(Setting.PARTITIONS, 1, 10_000);
        replicationFactor = (short) env.integer(Setting.REPLICATION_FACTOR, 1, 32);
        minInsyncReplicas = env.integer(Setting.MIN_INSYNC_REPLICAS, 1, 32);
        defaultDeadline = env.duration(Setting.DEFAULT_DEADLINE, Duration.ofMillis(100), Duration.ofDays(30));
        maxDeadline = env.duration(Setting.MAX_DEADLINE, Duration.ofSeconds(1), Duration.ofDays(365));
        if (defaultDeadline != null && maxDeadline != null && defaultDeadline.compareTo(maxDeadline) > 0) {
            env.problem(Setting.DEFAULT_DEADLINE.variable() + " (" + Durations.format(defaultDeadline) + ") exceeds "
                + Setting.MAX_DEADLINE.variable() + " (" + Durations.format(maxDeadline) + ")");
        }
        ursLimits = ursLimits(env);
        Map<AgentKind, AgentSettings> perAgent = new EnumMap<>(AgentKind.class);
        Map<AgentKind, ModelSettings> modelPerAgent = new EnumMap<>(AgentKind.class);
        for (AgentKind agent : AgentKind.values()) {
            perAgent.put(agent, AgentSettings.read(env, agent));
            modelPerAgent.put(agent, ModelSettings.read(env, agent));
        }
        agents = Map.copyOf(perAgent);
        models = Map.copyOf(modelPerAgent);
        String dir = env.text(Setting.STATE_DIR);
        stateDir = dir.isBlank() ? Path.of("gamp-state").toAbsolutePath() : Path.of(dir);
        instanceId = instanceId(env);
        commitInterval = env.duration(Setting.COMMIT_INTERVAL, Duration.ofMillis(1), Duration.ofMinutes(5));
        producerLinger = env.duration(Setting.PRODUCER_LINGER, Duration.ZERO, Duration.ofSeconds(1));
        deadlineCheckInterval = env.duration(Setting.DEADLINE_CHECK_INTERVAL, Duration.ofMillis(10), Duration.ofMinutes(1));
        deadlineMaxLead = env.duration(Setting.DEADLINE_MAX_LEAD, Duration.ZERO, Duration.ofMinutes(10));
        intakeMinTimeLeft = env.duration(Setting.INTAKE_MIN_TIME_LEFT, Duration.ZERO, Duration.ofMinutes(10));
        planRetention = env.duration(Setting.PLAN_RETENTION, Duration.ofMinutes(1), Duration.ofDays(3650));
        orphanTimeout = env.duration(Setting.ORPHAN_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(30));
        embeddingCacheSize = env.integer(Setting.CONTEXT_EMBEDDING_CACHE_SIZE, 0, 1_000_000);
        httpPort = env.integer(Setting.HTTP_PORT, -1, 65535);
        warnings = env.unknownVariables().stream()
            .map(variable -> variable + " is not a GAMP Planner setting and is ignored")
            .toList();
        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
    }

    /** Reads the configuration from {@code environment} (normally {@code System.getenv()}). */
    public static GampConfig fromEnvironment(Map<String, String> environment) {
        return new GampConfig(environment);
    }

    /** This configuration with some variables replaced, validated like the original. */
    public GampConfig with(Map<String, String> overrides) {
        Map<String, String> changed = new HashMap<>(environment);
        changed.putAll(overrides);
        return new GampConfig(changed);
    }

    public GampConfig with(Setting setting, String value) {
        return with(Map.of(setting.variable(), value));
    }

    /** The variables this configuration was read from, for starting child processes alike. */
    public Map<String, String> environment() {
        return environment;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Kafka client properties given as KAFKA_CLIENT_* variables (security settings and the like). */
    public Map<String, Object> clientOverrides() {
        return clientOverrides;
    }

    /** The credentials and trust store every Kafka client of this process uses (KAFKA_SASL_*, KAFKA_SSL_*). */
    public ClientSecurity clientSecurity() {
        return clientSecurity;
    }

    /** The key store of a broker this process runs (GAMP_BROKER_KEYSTORE_*), for TLS on its listeners. */
    public Optional<ClientSecurity.Store> brokerKeyStore() {
        return brokerKeyStore;
    }

    /** The key pair this process signs its records with (GAMP_SIGNING_KEY_FILE), if it signs. */
    public Optional<KeyPair> signingKey() {
        return signingKey;
    }

    public TopicCatalog topics() {
        return topics;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    public Duration maxDeadline() {
        return maxDeadline;
    }

    /** The largest URS accepted: its size, requirement count, line length and detail lines per requirement. */
    public UrsLimits ursLimits() {
        return ursLimits;
    }

    public AgentSettings agent(AgentKind agent) {
        return agents.get(agent);
    }

    /** Whether the agent drafts with a language model, and which. */
    public ModelSettings model(AgentKind agent) {
        return models.get(agent);
    }

    public Path stateDir() {
        return stateDir;
    }

    /** This planner instance's name for static group membership, when it has one (GAMP_INSTANCE_ID). */
    public Optional<String> instanceId() {
        return instanceId;
    }

    public Duration commitInterval() {
        return commitInterval;
    }

    public Duration producerLinger() {
        return producerLinger;
    }

    public Duration deadlineCheckInterval() {
        return deadlineCheckInterval;
    }

    public Duration deadlineMaxLead() {
        return deadlineMaxLead;
    }

    public Duration intakeMinTimeLeft() {
        return intakeMinTimeLeft;
    }

    public Duration planRetention() {
        return planRetention;
    }

    public Duration orphanTimeout() {
        return orphanTimeout;
    }

    /** Requirement embeddings the context agent keeps; 0 for none. */
    public int embeddingCacheSize() {
        return embeddingCacheSize;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Things worth an operator's attention that do not stop start-up (unknown variables). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static Optional<KeyPair> signingKey(EnvironmentReader env) {
        String file = env.text(Setting.SIGNING_KEY_FILE);
        if (file.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SigningKeys.read(Path.of(file)));
        } catch (IllegalArgumentException e) {
            env.problem(Setting.SIGNING_KEY_FILE.variable() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static TopicCatalog topicCatalog(EnvironmentReader env) {
        try {
            return new TopicCatalog(env.text(Setting.TOPIC_PREFIX));
        } catch (IllegalArgumentException e) {
            env.problem(Setting.TOPIC_PREFIX.variable() + ": " + e.getMessage());
            return null;
        }
    }

    private static Optional<String> instanceId(EnvironmentReader env) {
        String id = env.text(Setting.INSTANCE_ID);
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9._-]{1,200}")) {
            env.problem(Setting.INSTANCE_ID.variable() + " must be 1 to 200 letters, digits, '.', '_' or '-', got '" + id + "'");
            return Optional.empty();
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    private static UrsLimits ursLimits(EnvironmentReader env) {
        int maxBytes = env.integer(Setting.MAX_URS_BYTES, 1, UrsLimits.MAX_BYTES_CEILING);
        int maxRequirements = env.integer(Setting.MAX_REQUIREMENTS, 1, UrsLimits.MAX_REQUIREMENTS_CEILING);
        int maxLineLength = env.integer(Setting.MAX_LINE_LENGTH, 1, UrsLimits.MAX_LINE_LENGTH_CEILING);
        int maxDetailLines = env.integer(Setting.MAX_DETAIL_LINES, 1, UrsLimits.MAX_DETAIL_LINES_CEILING);
        boolean valid = maxBytes > 0 && maxRequirements > 0 && maxLineLength > 0 && maxDetailLines > 0;
        return valid ? new UrsLimits(maxBytes, maxRequirements, maxLineLength, maxDetailLines) : UrsLimits.DEFAULT;
    }

    private static Map<String, Object> clientOverrides(Map<String, String> environment) {
        Map<String, Object> overrides = new TreeMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith(CLIENT_PREFIX) && variable.length() > CLIENT_PREFIX.length()) {
                overrides.put(variable.substring(CLIENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return Map.copyOf(overrides);
    }
}
