package dev.gampplanner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gampplanner.runtime.config.Setting;

/**
 * Whether a service process gets the OpenTelemetry Java agent: only when its standard OTEL_* variables ask for
 * traces, as the gamp launcher decides ({@code deploy/otel/tracing.sh}), so an untraced service starts without the
 * agent's cost. The agent jar is {@code GAMP_OTEL_JAVAAGENT}, which the launcher sets to the one the build fetched.
 */
public final class TracingAgent {

    /** The variable naming the agent jar. */
    public static final String JAR_VARIABLE = Setting.OTEL_JAVAAGENT.variable();

    private static final List<String> EXPORT_VARIABLES = List.of("OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_ZIPKIN_ENDPOINT");

    private TracingAgent() {
    }

    /** @param environment the process's whole environment */
    public static boolean wanted(Map<String, String> environment) {
        if ("true".equals(environment.get("OTEL_SDK_DISABLED")) || "false".equals(environment.get("OTEL_JAVAAGENT_ENABLED"))
            || "none".equals(environment.get("OTEL_TRACES_EXPORTER"))) {
            return false;
        }
        return EXPORT_VARIABLES.stream().anyMatch(name -> !environment.getOrDefault(name, "").isEmpty());
    }

    /**
     * The heap of a traced service. The agent keeps its instrumentation in the heap, and the context agent reading its
     * embedding model into a 112 MB heap beside it ran out of memory at start, so tracing comes with more.
     */
    public static final String TRACED_HEAP = "-Xmx176m";

    /** The JVM options for a process with this environment: the -javaagent option and the traced heap, or none. */
    public static List<String> jvmOptions(Map<String, String> environment) {
        if (!wanted(environment)) {
            return List.of();
        }
        String jar = environment.getOrDefault(JAR_VARIABLE, "");
        if (jar.isEmpty() || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("OTEL_* asks for traces but " + JAR_VARIABLE + " ('" + jar + "') names no "
                + "agent jar; build with 'mvn -DskipTests package -pl cli -am' (it fetches it into cli/target/otel/)");
        }
        return List.of("-javaagent:" + jar, TRACED_HEAP);
    }
}
