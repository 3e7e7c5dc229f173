package dev.gampplanner.cli.support;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.gampplanner.runtime.config.GampConfig;

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

    /** The settings for running against a single-node broker: every topic with one replica. */
    public static Map<String, String> singleBroker(String bootstrapServers) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "GAMP_REPLICATION_FACTOR", "1", "GAMP_MIN_INSYNC_REPLICAS", "1");
    }

    /** Keeps the services' own INFO lines out of an interactive command's output. */
    public static void quietServices(boolean verbose) {
        ((Logger) LoggerFactory.getLogger("dev.gampplanner")).setLevel(verbose ? Level.INFO : Level.WARN);
    }
}
