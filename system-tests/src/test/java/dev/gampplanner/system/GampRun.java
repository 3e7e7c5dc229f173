package dev.gampplanner.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gampplanner.runtime.config.GampConfig;

/** One gamp command run as its own process with a configuration's environment, as an operator runs it. */
record GampRun(int exitCode, String stdout, String stderr) {

    static GampRun of(GampConfig config, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "dev.gampplanner.cli.Gamp"));
        args.addAll(List.of(command));
        Path out = Files.createTempFile("gamp-run", ".out");
        Path err = Files.createTempFile("gamp-run", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(config.environment());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("gamp " + String.join(" ", command) + " did not end within 120 s");
            }
            return new GampRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
