package dev.gampplanner.cli.support;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;

/** The process's configuration (environment variables, read once) and log verbosity. */
public final class Environment {

    private Environment() {
    }

    public static GampConfig config() {
        return GampConfig.fromEnvironment(System.getenv());
    }

    /** The environment, once a broker answered at its KAFKA_BOOTSTRAP_SERVERS: for commands that need the cluster. */
    public static GampConfig connectedConfig() {
        GampConfig config = config();
        BrokerReachability.require(config);
        return config;
    }

    /** The environment with some variables set by the command itself (its own broker, say). */
    public static GampConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(overrides);
        return GampConfig.fromEnvironment(env);
    }

    /**
     * The settings for running against a single-node broker: every topic with one replica, and one partition unless
     * GAMP_PARTITIONS is set. Partitions let several planner instances share the work; one instance on one broker gains
     * nothing from them, and pays for each in every transaction (a commit marker per partition it wrote), in start-up
     * (a task and its stores per partition) and in memory.
     */
    public static Map<String, String> singleBroker(String bootstrapServers) {
        Map<String, String> settings = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
            "GAMP_REPLICATION_FACTOR", "1", "GAMP_MIN_INSYNC_REPLICAS", "1"));
        if (System.getenv(Setting.PARTITIONS.variable()) == null) {
            settings.put(Setting.PARTITIONS.variable(), "1");
        }
        return Map.copyOf(settings);
    }

    /** Keeps the services' own INFO lines out of an interactive command's output. */
    public static void quietServices(boolean verbose) {
        ((Logger) LoggerFactory.getLogger("dev.gampplanner")).setLevel(verbose ? Level.INFO : Level.WARN);
    }
}
