package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.bench.ClassDataArchive;
import dev.gampplanner.bench.GampProcess;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.testing.TestConfigs;

/**
 * A service process, run from the built command's jars, and its class-data sharing archive, on a real broker: the first start writes the archive when it
 * stops cleanly, the next maps it; a killed start leaves nothing behind, and an archive the JVM cannot use neither
 * stops the service from starting nor survives it.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClassDataArchiveTest {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void theSecondStartMapsTheArchiveTheFirstWroteAtItsCleanExit(TestBroker broker, @TempDir Path dir) throws IOException {
        Map<String, String> env = environment(broker, dir);
        try (GampProcess first = start(env, dir)) {
            assertThat(first.fromArchive()).isFalse();
        }
        assertThat(files(dir, ".jsa")).hasSize(1);
        assertThat(files(dir, ".training")).isEmpty();

        try (GampProcess second = start(env, dir)) {
            assertThat(second.fromArchive()).isTrue();
        }
        assertThat(files(dir, ".jsa")).hasSize(1);
    }

    @Test
    void aKilledStartLeavesNoArchive(TestBroker broker, @TempDir Path dir) throws IOException {
        Map<String, String> env = environment(broker, dir);
        start(env, dir).kill();

        assertThat(files(dir, ".jsa")).isEmpty();
        assertThat(files(dir, ".training")).isEmpty();
    }

    @Test
    void anArchiveTheJvmRefusesIsReplacedAndTheServiceStartsAnyway(TestBroker broker, @TempDir Path dir) throws IOException {
        Map<String, String> env = environment(broker, dir);
        start(env, dir).close();
        Path archive = files(dir, ".jsa").get(0);
        byte[] noise = new byte[(int) Files.size(archive)];
        new Random(7).nextBytes(noise);
        archive.toFile().setWritable(true);
        Files.write(archive, noise);

        try (GampProcess refused = start(env, dir)) {
            assertThat(refused.fromArchive()).isFalse();
            assertThat(archive).doesNotExist();
        }
        start(env, dir).close();
        try (GampProcess again = start(env, dir)) {
            assertThat(again.fromArchive()).isTrue();
        }
    }

    private static GampProcess start(Map<String, String> env, Path dir) throws IOException {
        return GampProcess.serveFrom(builtCommand(), "sme-" + System.nanoTime(), env, dir, "sme").start().awaitReady(READY);
    }

    /** The jars of the built gamp command, as the launcher runs it: a test's own class path has directories of classes. */
    private static String builtCommand() throws IOException {
        Path target = Path.of("..", "cli", "target").toAbsolutePath().normalize();
        assertThat(target.resolve("gamp-cli.jar")).as("the cli module is packaged before the system tests").isRegularFile();
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            return Stream.concat(Stream.of(target.resolve("gamp-cli.jar")), jars.sorted()).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        }
    }

    private static Map<String, String> environment(TestBroker broker, Path dir) {
        Map<String, String> env = new HashMap<>(TestConfigs.fresh(broker, dir.resolve("state"), Map.of()).environment());
        env.put(ClassDataArchive.DIRECTORY_VARIABLE, dir.resolve("cds").toString());
        return env;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cds"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
