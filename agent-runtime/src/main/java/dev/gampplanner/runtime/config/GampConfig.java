package dev.gampplanner.runtime.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentMode;

/**
 * GAMP Planner's configuration, read once at start-up from environment variables (see {@link Setting}).
 *
 * <p>Every value is validated up front and every problem is reported together, so a service never
 * starts half-configured and an operator fixes all mistakes in one go.
 */
public final class GampConfig {

    private static final String CLIENT_PREFIX = "KAFKA_CLIENT_";
    private static final Set<String> KNOWN = Arrays.stream(Setting.values())
        .flatMap(s -> s.secret() ? Stream.of(s.variable(), s.fileVariable()) : Stream.of(s.variable()))
        .collect(Collectors.toSet());

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private final String bootstrapServers;
    private final Map<String, Object> clientOverrides;
    private final ClientSecurity clientSecurity;
    private final Optional<ClientSecurity.Store> brokerKeyStore;
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
        clientSecurity = new ClientSecurity(credentials(), store(Setting.SSL_TRUSTSTORE_LOCATION, Setting.SSL_TRUSTSTORE_PASSWORD));
        brokerKeyStore = store(Setting.BROKER_KEYSTORE_LOCATION, Setting.BROKER_KEYSTORE_PASSWORD);
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
        Map<AgentKind, ModelSettings> modelPerAgent = new EnumMap<>(AgentKind.class);
        for (AgentKind agent : AgentKind.values()) {
            perAgent.put(agent, agentSettings(agent));
            modelPerAgent.put(agent, modelSettings(agent));
        }
        agents = Map.copyOf(perAgent);
        models = Map.copyOf(modelPerAgent);
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

    /** The credentials and trust store every Kafka client of this process uses (KAFKA_SASL_*, KAFKA_SSL_*). */
    public ClientSecurity clientSecurity() {
        return clientSecurity;
    }

    /** The key store of a broker this process runs (GAMP_BROKER_KEYSTORE_*), for TLS on its listeners. */
    public Optional<ClientSecurity.Store> brokerKeyStore() {
        return brokerKeyStore;
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
                Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    private ModelSettings modelSettings(AgentKind agent) {
        String prefix = "GAMP_" + agent.name() + "_";
        AgentMode mode = parse(agentVariable(prefix, Setting.MODE), Setting.MODE, GampConfig::mode, AgentMode.DETERMINISTIC);
        String baseUrl = parse(agentVariable(prefix, Setting.LLM_BASE_URL), Setting.LLM_BASE_URL, GampConfig::httpUrl, "");
        String model = parse(agentVariable(prefix, Setting.LLM_MODEL), Setting.LLM_MODEL, raw -> raw, "");
        if (mode == AgentMode.LLM && model.isEmpty()) {
            problems.add("the " + agent.name().toLowerCase(Locale.ROOT) + " agent is in LLM mode but names no model: set "
                + Setting.LLM_MODEL.variable() + " or " + agentVariable(prefix, Setting.LLM_MODEL));
        }
        return new ModelSettings(mode, baseUrl, model, apiKey(prefix),
            duration(agentVariable(prefix, Setting.LLM_TIMEOUT), Setting.LLM_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
            integer(agentVariable(prefix, Setting.LLM_MAX_TOKENS), Setting.LLM_MAX_TOKENS, 1, 1_000_000),
            parse(agentVariable(prefix, Setting.LLM_TEMPERATURE), Setting.LLM_TEMPERATURE, GampConfig::temperature, 0.0),
            integer(agentVariable(prefix, Setting.LLM_CONCURRENCY), Setting.LLM_CONCURRENCY, 1, 4096),
            integer(agentVariable(prefix, Setting.LLM_MAX_CALLS), Setting.LLM_MAX_CALLS, 1, 100));
    }

    /** The agent's own key (or key file) when it has one, else the shared one. */
    private String apiKey(String agentPrefix) {
        String variable = agentVariable(agentPrefix, Setting.LLM_API_KEY);
        String fileVariable = variable + "_FILE";
        return environment.containsKey(variable) || environment.containsKey(fileVariable)
            ? secret(variable, fileVariable) : secret(Setting.LLM_API_KEY);
    }

    private static AgentMode mode(String raw) {
        try {
            return AgentMode.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be deterministic or llm, got '" + raw + "'");
        }
    }

    private static String httpUrl(String raw) {
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http or https URL such as http://127.0.0.1:8000/v1, got '" + raw + "'");
            }
            return raw.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http or https URL, got '" + raw + "'");
        }
    }

    private static double temperature(String raw) {
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number, got '" + raw + "'");
        }
        if (!(value >= 0 && value <= 2)) {
            throw new IllegalArgumentException("must be between 0 and 2, got " + raw);
        }
        return value;
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

    private Optional<ClientSecurity.Credentials> credentials() {
        String username = text(Setting.SASL_USERNAME);
        String password = secret(Setting.SASL_PASSWORD);
        if (username.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (username.isEmpty() || password.isEmpty()) {
            problems.add(username.isEmpty()
                ? Setting.SASL_PASSWORD.variable() + " is set but " + Setting.SASL_USERNAME.variable() + " is not"
                : Setting.SASL_USERNAME.variable() + " needs " + Setting.SASL_PASSWORD.variable() + " or "
                    + Setting.SASL_PASSWORD.fileVariable());
            return Optional.empty();
        }
        return Optional.of(new ClientSecurity.Credentials(username, password));
    }

    private Optional<ClientSecurity.Store> store(Setting location, Setting password) {
        String file = text(location);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isReadable(Path.of(file))) {
            problems.add(location.variable() + ": no readable file at " + file);
            return Optional.empty();
        }
        return Optional.of(new ClientSecurity.Store(Path.of(file).toAbsolutePath(), secret(password)));
    }

    /** A secret from its variable, or from the file its _FILE variant names (without the file's final line break). */
    private String secret(Setting setting) {
        return secret(setting.variable(), setting.fileVariable());
    }

    private String secret(String variable, String fileVariable) {
        String direct = environment.getOrDefault(variable, "");
        String file = environment.getOrDefault(fileVariable, "").strip();
        if (file.isEmpty()) {
            return direct;
        }
        if (!direct.isEmpty()) {
            problems.add("set " + variable + " or " + fileVariable + ", not both");
            return "";
        }
        try {
            return Files.readString(Path.of(file)).replaceAll("\\R+$", "");
        } catch (IOException e) {
            problems.add(fileVariable + ": cannot read " + file + " (" + e.getMessage() + ")");
            return "";
        }
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
