package dev.gampplanner.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingAgentTest {

    @Test
    void noOtelConfigurationAttachesNoAgent(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("agent.jar")).toString();
        assertThat(TracingAgent.jvmOptions(Map.of(TracingAgent.JAR_VARIABLE, jar, "OTEL_SERVICE_NAME", "planner"))).isEmpty();
        assertThat(TracingAgent.jvmOptions(Map.of())).isEmpty();
    }

    @Test
    void anExporterOrEndpointAttachesTheAgent(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("agent.jar")).toString();
        for (String variable : new String[] {"OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_ZIPKIN_ENDPOINT"}) {
            assertThat(TracingAgent.jvmOptions(Map.of(TracingAgent.JAR_VARIABLE, jar, variable, "x"))).as(variable)
                .containsExactly("-javaagent:" + jar, TracingAgent.TRACED_HEAP);
        }
    }

    @Test
    void tracingTurnedOffExplicitlyAttachesNoAgent(@TempDir Path dir) throws IOException {
        String jar = Files.createFile(dir.resolve("agent.jar")).toString();
        String endpoint = "http://127.0.0.1:4318";
        assertThat(TracingAgent.jvmOptions(Map.of(TracingAgent.JAR_VARIABLE, jar, "OTEL_TRACES_EXPORTER", "none",
            "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))).isEmpty();
        assertThat(TracingAgent.jvmOptions(Map.of(TracingAgent.JAR_VARIABLE, jar, "OTEL_SDK_DISABLED", "true",
            "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))).isEmpty();
        assertThat(TracingAgent.jvmOptions(Map.of(TracingAgent.JAR_VARIABLE, jar, "OTEL_JAVAAGENT_ENABLED", "false",
            "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))).isEmpty();
    }

    @Test
    void tracesAskedForWithoutTheAgentJarIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> TracingAgent.jvmOptions(Map.of("OTEL_TRACES_EXPORTER", "logging-otlp",
            TracingAgent.JAR_VARIABLE, dir.resolve("missing.jar").toString())))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining(TracingAgent.JAR_VARIABLE)
            .hasMessageContaining("missing.jar");
    }
}
