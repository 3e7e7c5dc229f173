package dev.gampplanner.cli.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import dev.gampplanner.runtime.config.Setting;

/**
 * The Zipkin server's executable jar ({@code io.zipkin:zipkin-server}, classifier {@code exec}, from Maven Central).
 * It is 135 MB and only the local trace view needs it, so it is fetched with Maven on first use rather than by the
 * build, into {@code ~/.cache/gamp/}; {@code GAMP_ZIPKIN_JAR} names another copy.
 */
final class ZipkinJar {

    static final String VARIABLE = Setting.ZIPKIN_JAR.variable();

    private ZipkinJar() {
    }

    static Path resolve(PrintWriter stderr) {
        String configured = System.getenv(VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(VARIABLE + " names " + jar + ", which is not a file");
            }
            return jar;
        }
        Properties build = buildProperties();
        String version = build.getProperty("zipkin.version");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "gamp");
        Path jar = cache.resolve("zipkin-server-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            stderr.printf("gamp: fetching the Zipkin server %s (135 MB, once) into %s with Maven...%n", version, cache);
            stderr.flush();
            fetch(build, version, cache);
        }
        return jar;
    }

    private static void fetch(Properties build, String version, Path cache) {
        List<String> command = List.of("mvn", "-q", "-B",
            "org.apache.maven.plugins:maven-dependency-plugin:" + build.getProperty("dependency-plugin.version") + ":copy",
            "-Dartifact=io.zipkin:zipkin-server:" + version + ":jar:exec", "-DoutputDirectory=" + cache);
        try {
            Files.createDirectories(cache);
            Process maven = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (maven.waitFor() != 0) {
                throw new IllegalStateException("Maven could not fetch io.zipkin:zipkin-server:" + version + ":exec (exit "
                    + maven.exitValue() + "); set " + VARIABLE + " to a copy of it");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Maven (mvn) to fetch the Zipkin server: " + e.getMessage()
                + "; install Maven or set " + VARIABLE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the Zipkin server", e);
        }
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = ZipkinJar.class.getResourceAsStream("zipkin.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
