package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gampplanner.bench.BenchReport;
import dev.gampplanner.bench.BenchRunner;
import dev.gampplanner.cli.command.BenchServeCommand;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.testing.TestConfigs;

/**
 * A soak in brief (a minute at a low rate, sampled every ten seconds), so that it cannot rot: every plan answered
 * once, every sample with each part of the fleet measured, and a verdict for every series.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SoakSmokeTest {

    private static final int RATE = 2;
    private static final Duration DURATION = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void aShortSoakSamplesEveryPartAndJudgesEverySeries(TestBroker broker, @TempDir Path dir) {
        StringWriter progress = new StringWriter();
        BenchRunner.Options options = BenchRunner.Options.quick(true)
            .withSoak(new BenchRunner.SoakOptions(DURATION, RATE, INTERVAL, 1));
        BenchReport report = new BenchRunner(TestConfigs.fresh(broker, dir.resolve("state"), Map.of()), options,
            BenchServeCommand::startInProcess, new PrintWriter(progress), dir).run();
        String seen = progress + report.markdown();

        assertThat(report.failures()).as(seen).isEmpty();
        JsonNode soak = report.json().get("soak");
        long planned = RATE * DURATION.toSeconds();
        assertThat(soak.get("failed").asBoolean()).as(seen).isFalse();
        assertThat(soak.get("submitted").asLong()).as(seen).isEqualTo(planned);
        assertThat(soak.get("answered").asLong()).as(seen).isEqualTo(planned);
        assertThat(soak.get("outcomes").get("COMPLETE").asLong()).as(seen).isPositive();

        JsonNode samples = soak.get("samples");
        assertThat(samples).as(seen).hasSize((int) (DURATION.toSeconds() / INTERVAL.toSeconds()));
        long inSamples = 0;
        for (JsonNode sample : samples) {
            inSamples += sample.get("answers").asLong();
            assertThat(sample.get("rssMb").get("all (one process)").asLong()).as(seen).isPositive();
            assertThat(sample.get("lag").fieldNames()).toIterable().as(seen)
                .contains("context share group", "sme share group", "research share group", "planner intake", "planner aggregator");
            assertThat(sample.get("lag").get("planner intake").asDouble()).as(seen).isNotNegative();
        }
        // After the first sample, the agents have measured their share-group lag (every 5 s) and the answers flow.
        for (JsonNode sample : List.of(samples.get(samples.size() - 2), samples.get(samples.size() - 1))) {
            assertThat(sample.get("answers").asLong()).as(seen).isBetween(RATE * INTERVAL.toSeconds() / 2, RATE * INTERVAL.toSeconds() * 2);
            assertThat(sample.get("p50Ms").asDouble()).as(seen).isPositive();
            assertThat(sample.get("p99Ms").asDouble()).as(seen).isGreaterThanOrEqualTo(sample.get("p50Ms").asDouble());
            for (String agent : List.of("context", "sme", "research")) {
                assertThat(sample.get("lag").get(agent + " share group").asDouble()).as(agent + ": " + seen).isNotNegative();
            }
        }
        // The samples hold the answers that came during the load; the rest came while the last plans were awaited.
        assertThat(inSamples).as(seen).isBetween(planned - RATE * INTERVAL.toSeconds(), planned);

        JsonNode trends = soak.get("trends");
        assertThat(trends.fieldNames()).toIterable().as(seen).contains("RSS all (one process)", "lag sme share group",
            "lag planner intake", "latency p50", "latency p99");
        trends.forEach(trend -> {
            assertThat(trend.get("verdict").asText()).as(seen).isIn("flat", "grows");
            assertThat(trend.get("fitted").asInt()).as(seen).isEqualTo(samples.size() - 1);
            assertThat(trend.get("thresholdPerHour").asDouble()).as(seen).isPositive();
        });
        assertThat(report.markdown()).contains("Soak: 2 plans/s", "| Minute | Answers | COMPLETE |", "| Series | Verdict |");
    }

    @Test
    void aServiceThatDiesFailsTheSoakAndTheReportKeepsWhatWasSampled(TestBroker broker, @TempDir Path dir) throws Exception {
        StringWriter progress = new StringWriter();
        BenchRunner.Options options = BenchRunner.Options.quick(false)
            .withSoak(new BenchRunner.SoakOptions(Duration.ofMinutes(2), RATE, Duration.ofSeconds(5), 1));
        Thread killer = new Thread(() -> killSmeAfterTheFirstSample(progress), "kill-sme");
        killer.start();
        BenchReport report = new BenchRunner(TestConfigs.fresh(broker, dir.resolve("state"), Map.of()), options,
            BenchServeCommand::startInProcess, new PrintWriter(progress), dir).run();
        killer.join();
        String seen = progress + report.markdown();

        assertThat(report.succeeded()).as(seen).isFalse();
        assertThat(report.failures()).as(seen).containsOnlyKeys("soak");
        JsonNode soak = report.json().get("soak");
        assertThat(soak.get("failed").asBoolean()).as(seen).isTrue();
        assertThat(soak.get("failure").asText()).as(seen).contains("sme").contains("exited");
        assertThat(soak.get("samples").size()).as(seen).isPositive();
        assertThat(soak.get("samples").get(0).get("rssMb").fieldNames()).toIterable().as(seen)
            .containsExactly("planner", "context", "sme", "research");
        assertThat(report.markdown()).contains("**The soak failed:**");
    }

    /** SIGKILLs the SME service's process (started by the benchmark in this test) once the soak has taken a sample. */
    private static void killSmeAfterTheFirstSample(StringWriter progress) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!progress.toString().contains("soak: minute") && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
        ProcessHandle.current().descendants()
            .filter(process -> arguments(process).containsAll(List.of("bench-serve", "sme")))
            .forEach(ProcessHandle::destroyForcibly);
    }

    /** A process's command line from /proc: ProcessHandle.Info leaves out the arguments of a command line this long. */
    private static List<String> arguments(ProcessHandle process) {
        try {
            return List.of(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).split("\0"));
        } catch (IOException exited) {
            return List.of();
        }
    }
}
