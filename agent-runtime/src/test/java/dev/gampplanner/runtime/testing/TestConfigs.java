package dev.gampplanner.runtime.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;

/** Configurations for tests: each gets its own topic prefix, so tests share a broker without sharing data. */
public final class TestConfigs {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestConfigs() {
    }

    /** A fresh namespace on {@code broker} with settings sized for a 2-core test machine. */
    public static GampConfig fresh(TestBroker broker, Path stateDir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("GAMP_TOPIC_PREFIX", "t" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + ".");
        env.put("GAMP_PARTITIONS", "3");
        env.put("GAMP_STATE_DIR", stateDir.toString());
        env.put("GAMP_HTTP_PORT", "-1");
        env.put("GAMP_WORKER_THREADS", "1");
        env.put("GAMP_COMMIT_INTERVAL", "50ms");
        env.put("GAMP_DEADLINE_CHECK_INTERVAL", "50ms");
        env.putAll(overrides);
        return GampConfig.fromEnvironment(env);
    }

    public static GampConfig fresh(TestBroker broker, Path stateDir) {
        return fresh(broker, stateDir, Map.of());
    }
}
