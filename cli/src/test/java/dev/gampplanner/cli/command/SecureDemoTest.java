package dev.gampplanner.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gamp demo --secure} as an operator runs it: its own process, a secured broker, every service on its own principal and key. */
class SecureDemoTest {

    @Test
    void answersEveryRequestWithEachServiceOnItsOwnPrincipalAndKeyAndTheAuditorVerifiesTheTrail(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "dev.gampplanner.cli.Gamp", "demo", "--secure", "--json",
            "--out", dir.resolve("out").toString(), "--deadline", "60s"));
        command.addAll(List.of("../examples/urs/URS-001.md", "../examples/urs/URS-002.md", "../examples/urs/URS-003.md"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.environment().remove("KAFKA_SASL_USERNAME");
        builder.environment().remove("GAMP_SIGNING_KEY_FILE");
        Process process = builder.start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        List<String> plans = Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);

        assertThat(ended).as(stderr).isTrue();
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr.lines().findFirst().orElseThrow()).startsWith("gamp demo: secured:").contains("SASL/SCRAM-SHA-512");
        assertThat(stderr).contains("5 signing key(s) published")
            .containsPattern("audit verify as auditor: \\d+ record\\(s\\), 3 plan\\(s\\), \\d+ check\\(s\\): every link verifies");
        assertThat(plans).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{").contains("\"status\""));
        assertThat(dir.resolve("out")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".md"));
        try (var left = Files.list(dir.resolve("out"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the credentials are removed with the run's scratch state")
                .noneMatch(name -> name.startsWith(".state-"));
        }
    }
}
