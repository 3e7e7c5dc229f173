package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
        BenchReport report = new BenchRunner(TestConfigs.fresh(broker, dir.resolve("state"), Map.of()),
            BenchRunner.Options.quick(true), BenchServeCommand::startInProcess, new PrintWriter(progress), dir).run();

        assertThat(report.failures()).as(progress.toString()).isEmpty();
        assertThat(report.notComplete()).as("plans answered other than COMPLETE").isZero();
        ObjectNode json = report.json();
        for (String field : new String[] {"floorP50Ms", "floorP99Ms", "floorTxP50Ms", "overheadP50Ms", "overheadP99Ms",
                "throughputPlansPerSec", "throughputColdPlansPerSec", "orchestrationThroughputPlansPerSec", "speedup",
                "scaleOutEfficiency"}) {
            assertThat(json.get(field).asDouble()).as(field).isPositive();
        }
        // 3.0 when the agents overlap fully, 1.0 when they run one after another.
        assertThat(report.figure("speedup")).isGreaterThan(1.5);
        assertThat(json.get("readySeconds").fieldNames()).toIterable().containsExactly("planner", "context", "sme", "research");
        assertThat(json.get("rssMb").size()).isPositive();
        assertThat(report.markdown()).contains("Highest sustained throughput", "exactly-once hop", "Parallel speedup", "Scale-out");
        assertThat(progress.toString()).contains("floor", "throughput", "scale-out");
    }
}
