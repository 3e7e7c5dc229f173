package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.bench.BenchReport;
import dev.gampplanner.bench.BenchRunner;
import dev.gampplanner.cli.command.BenchServeCommand;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.testing.TestConfigs;

/**
 * The benchmark's every part, briefly, so it cannot rot: every phase runs to its end, every plan it submits is
 * answered COMPLETE, and the agents measurably overlap. The figures themselves come from the full run.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BenchSmokeTest {

    @Test
    void everyPartRunsAndReportsItsFigures(TestBroker broker, @TempDir Path dir) {
        StringWriter progress = new StringWriter();
        BenchReport report = run(broker, dir, Map.of(), BenchRunner.Options.quick(true), progress);
        String seen = progress + report.markdown();

        assertThat(report.failures()).as(seen).isEmpty();
        assertThat(report.notComplete()).as("plans answered other than COMPLETE: " + seen).isZero();
        ObjectNode json = report.json();
        for (String field : new String[] {"floorP50Ms", "floorP99Ms", "floorTxP50Ms", "overheadP50Ms", "overheadP99Ms", "speedup",
                "scaleOutEfficiency", "hopIntakeCommitMs", "hopAgentsMs", "hopAggregatorCommitMs"}) {
            assertThat(json.get(field).asDouble()).as(field + ": " + seen).isPositive();
        }
        // Whether a rate is sustained (p99 under a second) depends on the machine; that each search answered is not.
        for (String urs : List.of("examples", "examples, cold cache", "one requirement")) {
            assertThat(json.get("throughputSteps")).as(urs + ": " + seen)
                .anySatisfy(step -> {
                    assertThat(step.get("urs").asText()).isEqualTo(urs);
                    assertThat(step.get("achieved").asDouble()).isPositive();
                    // In process, the one JVM's CPU is every service's and the broker's.
                    assertThat(step.get("cpuMsPerPlan").get("all (one process)").asDouble()).isPositive();
                });
        }
        for (String field : new String[] {"throughputPlansPerSec", "throughputColdPlansPerSec", "orchestrationThroughputPlansPerSec",
                "hopIntakeMs", "hopAggregatorMs"}) {
            assertThat(json.get(field).asDouble()).as(field).isNotNegative();
        }
        // 3.0 when the agents overlap fully, 1.0 when they run one after another.
        assertThat(report.figure("speedup")).as(seen).isGreaterThan(1.5);
        assertThat(json.get("readySeconds").fieldNames()).toIterable().containsExactlyInAnyOrder("planner", "context", "sme", "research");
        assertThat(json.get("rssMb").size()).isPositive();
        assertThat(report.markdown()).contains("Highest sustained throughput", "exactly-once hop", "hop by hop", "Parallel speedup",
            "Scale-out");
        assertThat(progress.toString()).contains("floor", "throughput", "scale-out");
    }

    @Test
    void llmBoundAgentsScalePastThePartitionCount(TestBroker broker, @TempDir Path dir) {
        StringWriter progress = new StringWriter();
        // One partition per topic, as gamp bench has on its own broker.
        BenchReport report = run(broker, dir, Map.of("GAMP_PARTITIONS", "1"), BenchRunner.Options.quick(true)
            .withLlm(BenchRunner.LlmOptions.quick(Duration.ofMillis(500))), progress);
        String seen = progress + report.markdown();

        assertThat(report.failures()).as(seen).isEmpty();
        assertThat(report.notComplete()).as(seen).isZero();
        JsonNode steps = report.json().get("llm");
        assertThat(steps).as(seen).hasSize(2);
        assertThat(steps).allSatisfy(step -> assertThat(step.get("plansPerSec").asDouble()).isPositive());
        // One partition per topic: more calls in flight than the 8-worker step allows can only come from the share groups
        // spreading one partition's requests over 32 workers of each agent.
        assertThat(steps.get(1).get("maxCallsInFlight").asInt()).as(seen).isGreaterThan(3 * 8);
    }

    private static BenchReport run(TestBroker broker, Path dir, Map<String, String> settings, BenchRunner.Options options,
                                   StringWriter progress) {
        return new BenchRunner(TestConfigs.fresh(broker, dir.resolve("state"), settings), options, BenchServeCommand::startInProcess,
            new PrintWriter(progress), dir).run();
    }
}
