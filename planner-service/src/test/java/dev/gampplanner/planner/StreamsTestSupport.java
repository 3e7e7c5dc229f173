package dev.gampplanner.planner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.dlq.DeadLetterExceptionHandler;
import dev.gampplanner.runtime.kafka.KafkaClients;

/** A TopologyTestDriver configured as the planner runs: exactly-once and with the DLQ handler. */
public final class StreamsTestSupport {

    private StreamsTestSupport() {
    }

    public static GampConfig config(Path stateDir) {
        return GampConfig.fromEnvironment(Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "test:9092",
            "GAMP_STATE_DIR", stateDir.toString(),
            "GAMP_DEADLINE_CHECK_INTERVAL", "100ms",
            "GAMP_ORPHAN_TIMEOUT", "60s"));
    }

    public static TopologyTestDriver driver(Topology topology, GampConfig config, String name) {
        return driver(topology, config, name, Instant.now());
    }

    /** A driver whose wall clock starts at {@code wallClockStart}, for tests that reason about wall-clock timers. */
    public static TopologyTestDriver driver(Topology topology, GampConfig config, String name, Instant wallClockStart) {
        Properties props = new Properties();
        props.putAll(KafkaClients.streamsProps(config, name));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(DeadLetterExceptionHandler.SERVICE_NAME_CONFIG, name);
        return new TopologyTestDriver(topology, props, wallClockStart);
    }

    public static TestInputTopic<byte[], byte[]> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static TestOutputTopic<byte[], byte[]> output(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static byte[] key(Object id) {
        return id.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static List<TestRecord<byte[], byte[]>> drain(TestOutputTopic<byte[], byte[]> topic) {
        return topic.readRecordsToList();
    }

    public static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
