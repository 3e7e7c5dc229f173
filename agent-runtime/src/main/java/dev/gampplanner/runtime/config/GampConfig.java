package dev.gampplanner.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gampplanner.domain.urs.UrsLimits;
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
    private static final Set<String> KNOWN = Arrays.stream(Setting.values()).map(Setting::variable).collect(Collectors.toSet());

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private final String bootstrapServers;
    private final Map<String, Object> clientOverrides;
    private final TopicCatalog topics;
    private final int partitions;
    private final short replicationFactor;
    private final int minInsyncReplicas;
    private final Duration defaultDeadline;
    private final Duration maxDeadline;
    private final UrsLimits ursLimits;
    private final Map<AgentKind, AgentSettings> agents;
    private final Path stateDir;
    private final Duration commitInterval;
    private final Duration producerLinger;
    private final Duration deadlineCheckInterval;
    private final Duration planRetention;
    private final Duration orphanTimeout;
    private final int httpPort;

    private GampConfig(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        bootstrapServers = text(Setting.BOOTSTRAP_SERVERS);
        if (bootstrapServers.isBlank()) {
            problems.add(Setting.BOOTSTRAP_SERVERS.variable() + " must name at least one host:port");
        }
        clientOverrides = clientOverrides(environment);
        TopicCatalog catalog = null;
        try {
            catalog = new TopicCatalog(text(Setting.TOPIC_PREFIX));
        } catch (IllegalArgumentException e) {
            problems.add(Setting.TOPIC_PREFIX.variable() + ": " + e.getMessage());
        }
        topics = catalog;
        partitions = integer(Setting.PARTITIONS, 1, 10_000);
        replicationFactor = (short) integer(Setting.REPLICATION_FACTOR, 1, 32);
        minInsyncReplicas = integer(Setting.MIN_INSYNC_REPLICAS, 1, 32);
        defaultDeadline = duration(Setting.DEFAULT_DEADLINE, Duration.ofMillis(100), Duration.ofDays(30));
        maxDeadline = duration(Setting.MAX_DEADLINE, Duration.ofSeconds(1), Duration.ofDays(365));
        if (defaultDeadline != null && maxDeadline != null && defaultDeadline.compareTo(maxDeadline) > 0) {
            problems.add(Setting.DEFAULT_DEADLINE.variable() + " (" + Durations.format(defaultDeadline) + ") exceeds "
                + Setting.MAX_DEADLINE.variable() + " (" + Durations.format(maxDeadline) + ")");
        }
        UrsLimits limits = UrsLimits.DEFAULT;
        int maxBytes = integer(Setting.MAX_URS_BYTES, 1, UrsLimits.MAX_BYTES_CEILING);
        int maxRequirements = integer(Setting.MAX_REQUIREMENTS, 1, UrsLimits.MAX_REQUIREMENTS_CEILING);
        int maxLineLength = integer(Setting.MAX_LINE_LENGTH, 1, UrsLimits.MAX_LINE_LENGTH_CEILING);
        int maxDetailLines = integer(Setting.MAX_DETAIL_LINES, 1, UrsLimits.MAX_DETAIL_LINES_CEILING);
        if (maxBytes > 0 && maxRequirements > 0 && maxLineLength > 0 && maxDetailLines > 0) {
            limits = new UrsLimits(maxBytes, maxRequirements, maxLineLength, maxDetailLines);
        }
        ursLimits = limits;
        Map<AgentKind, AgentSettings> perAgent = new EnumMap<>(AgentKind.class);
        for (AgentKind agent : AgentKind.values()) {
            perAgent.put(agent, agentSettings(agent));
        }
        agents = Map.copyOf(perAgent);
        String dir = text(Setting.STATE_DIR);
        stateDir = dir.isBlank() ? Path.of("gamp-state").toAbsolutePath() : Path.of(dir);
        commitInterval = duration(Setting.COMMIT_INTERVAL, Duration.ofMillis(1), Duration.ofMinutes(5));
        producerLinger = duration(Setting.PRODUCER_LINGER, Duration.ZERO, Duration.ofSeconds(1));
        deadlineCheckInterval = duration(Setting.DEADLINE_CHECK_INTERVAL, Duration.ofMillis(10), Duration.ofMinutes(1));
        planRetention = duration(Setting.PLAN_RETENTION, Duration.ofMinutes(1), Duration.ofDays(3650));
        orphanTimeout = duration(Setting.ORPHAN_TIMEOUT, Duration.ofSeconds(1), Duration.ofDays(30));
        httpPort = integer(Setting.HTTP_PORT, -1, 65535);
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (variable.startsWith("GAMP_") && !KNOWN.contains(variable) && !isAgentOverride(variable)) {
                warnings.add(variable + " is not a GAMP Planner setting and is ignored");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
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

    public Path stateDir() {
        return stateDir;
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

    public Duration planRetention() {
        return planRetention;
    }

    public Duration orphanTimeout() {
        return orphanTimeout;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Things worth an operator's attention that do not stop start-up (unknown variables). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private AgentSettings agentSettings(AgentKind agent) {
        String prefix = "GAMP_" + agent.name() + "_";
        return new AgentSettings(
            integer(agentVariable(prefix, Setting.WORKER_THREADS), Setting.WORKER_THREADS, 1, 256),
            integer(agentVariable(prefix, Setting.WORKER_MAX_POLL_RECORDS), Setting.WORKER_MAX_POLL_RECORDS, 1, 10_000),
            duration(agentVariable(prefix, Setting.AGENT_TIME_BUDGET), Setting.AGENT_TIME_BUDGET,
                Duration.ofMillis(10), Duration.ofDays(1)),
            integer(agentVariable(prefix, Setting.AGENT_MAX_ATTEMPTS), Setting.AGENT_MAX_ATTEMPTS, 1, 100),
            duration(agentVariable(prefix, Setting.RETRY_BACKOFF), Setting.RETRY_BACKOFF, Duration.ZERO, Duration.ofHours(1)),
            duration(agentVariable(prefix, Setting.RETRY_BACKOFF_MAX), Setting.RETRY_BACKOFF_MAX, Duration.ZERO, Duration.ofHours(1)),
            duration(agentVariable(prefix, Setting.SHARE_LOCK_DURATION), Setting.SHARE_LOCK_DURATION,
                Duration.ofSeconds(1), Duration.ofHours(1)),
            duration(agentVariable(prefix, Setting.BENCH_AGENT_DELAY), Setting.BENCH_AGENT_DELAY, Duration.ZERO, Duration.ofMinutes(10)));
    }

    /** GAMP_WORKER_THREADS becomes GAMP_SME_WORKER_THREADS for the SME agent, and so on. */
    private static String agentVariable(String agentPrefix, Setting setting) {
        return agentPrefix + setting.variable().substring("GAMP_".length());
    }

    private static boolean isAgentOverride(String variable) {
        for (AgentKind agent : AgentKind.values()) {
            String prefix = "GAMP_" + agent.name() + "_";
            if (variable.startsWith(prefix) && KNOWN.contains("GAMP_" + variable.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private String text(Setting setting) {
        return environment.getOrDefault(setting.variable(), setting.defaultValue()).strip();
    }

    private int integer(Setting setting, int min, int max) {
        return integer(setting.variable(), setting, min, max);
    }

    private int integer(String variable, Setting fallback, int min, int max) {
        return parse(variable, fallback, raw -> {
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got '" + raw + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }, 0);
    }

    private Duration duration(Setting setting, Duration min, Duration max) {
        return duration(setting.variable(), setting, min, max);
    }

    private Duration duration(String variable, Setting fallback, Duration min, Duration max) {
        return parse(variable, fallback, raw -> {
            Duration value = Durations.parse(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", got " + raw);
            }
            return value;
        }, Duration.ZERO);
    }

    private <T> T parse(String variable, Setting fallback, Function<String, T> parser, T onError) {
        String raw = environment.containsKey(variable)
            ? environment.get(variable).strip()
            : environment.getOrDefault(fallback.variable(), fallback.defaultValue()).strip();
        String source = environment.containsKey(variable) ? variable : fallback.variable();
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
            return onError;
        }
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
