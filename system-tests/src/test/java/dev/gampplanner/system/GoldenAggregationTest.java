package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.aggregate.AggregatorTopology;
import dev.gampplanner.planner.aggregate.PlanAssembler;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.codec.Digests;

/**
 * Every example's recorded inputs (PlanOpened and agent results, as the offline planner writes them under a fixed id
 * and time), merged by the aggregator's topology, give the plan bytes whose digests {@link GoldenPlansTest} holds: the
 * path the running planner takes answers as the recorded plans do.
 */
class GoldenAggregationTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path state;

    @Test
    void theAggregatorMergesEveryExampleToTheRecordedPlanBytes() throws IOException {
        OfflinePlanner planner = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents());
        GampConfig config = GampConfig.fromEnvironment(Map.of("GAMP_STATE_DIR", state.toString()));
        TopicCatalog topics = config.topics();
        Properties props = new Properties();
        props.putAll(KafkaClients.streamsProps(config, "golden-aggregation"));
        List<String> merged = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(AggregatorTopology.build(topics,
            AggregatorTopology.Settings.from(config).withoutDeadlines(), new PlanAssembler(OfflinePlanner.currentVersion()),
            Clock.systemUTC(), new PlannerMetrics(new SimpleMeterRegistry()), new PlanBacklog()), props, AT)) {
            TestOutputTopic<byte[], byte[]> plans = driver.createOutputTopic(topics.merged(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
            for (UrsFile file : UrsFile.bundledExamples()) {
                CorrelationId id = CorrelationId.parse(UUID.nameUUIDFromBytes(file.name().getBytes(StandardCharsets.UTF_8)).toString());
                OfflinePlanner.Trace trace = planner.trace(id, AT, file.name(), file.text(), null, "golden");
                byte[] key = id.toString().getBytes(StandardCharsets.UTF_8);
                pipe(driver, topics.coordination(), key, trace.opened().bytes());
                for (AgentKind kind : AgentKind.values()) {
                    pipe(driver, topics.agentResults(kind), key, trace.results().get(kind).bytes());
                }
                List<byte[]> emitted = plans.readValuesToList();
                assertThat(emitted).as(file.name()).hasSize(1);
                merged.add(file.name() + " plan " + Digests.sha256Hex(emitted.get(0)));
            }
        }
        Path golden = GoldenFiles.matching("plans.sha256", merged, line -> line.contains(" plan "));
        assertThat(merged).as(GoldenFiles.describe(golden)).isNotEmpty()
            .containsExactlyElementsOf(GoldenFiles.lines(golden, line -> line.contains(" plan ")));
    }

    private static void pipe(TopologyTestDriver driver, String topic, byte[] key, byte[] value) {
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()).pipeInput(key, value, AT);
    }
}
