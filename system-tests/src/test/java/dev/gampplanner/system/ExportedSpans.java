package dev.gampplanner.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The spans service processes exported with {@code OTEL_TRACES_EXPORTER=logging-otlp}: OTLP JSON, one export per
 * log line after the logger's prefix, read back from the processes' logs.
 */
final class ExportedSpans {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** OTLP span kinds, by their protobuf numbers. */
    enum Kind { UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER }

    record ExportedSpan(String service, String scope, String traceId, String spanId, String parentSpanId, String name,
                        Kind kind, long startNanos, long endNanos, Map<String, String> attributes) {

        boolean isRoot() {
            return parentSpanId.isEmpty();
        }

        String attribute(String key) {
            return attributes.getOrDefault(key, "");
        }
    }

    private ExportedSpans() {
    }

    /** Every span exported to these logs so far. */
    static List<ExportedSpan> read(List<Path> logs) {
        List<ExportedSpan> spans = new ArrayList<>();
        for (Path log : logs) {
            for (String line : lines(log)) {
                int json = line.indexOf(" - {");
                if (json >= 0 && line.contains("\"scopeSpans\"")) {
                    parse(line.substring(json + 3)).ifPresent(export -> collect(export, spans));
                }
            }
        }
        return spans;
    }

    private static void collect(JsonNode export, List<ExportedSpan> spans) {
        Iterable<JsonNode> resources = export.has("resourceSpans") ? export.get("resourceSpans") : List.of(export);
        for (JsonNode resource : resources) {
            String service = attributes(resource.path("resource").path("attributes")).getOrDefault("service.name", "");
            for (JsonNode scope : resource.path("scopeSpans")) {
                String scopeName = scope.path("scope").path("name").asText();
                for (JsonNode span : scope.path("spans")) {
                    spans.add(new ExportedSpan(service, scopeName, span.path("traceId").asText(), span.path("spanId").asText(),
                        span.path("parentSpanId").asText(""), span.path("name").asText(), kind(span.path("kind")),
                        Long.parseLong(span.path("startTimeUnixNano").asText("0")),
                        Long.parseLong(span.path("endTimeUnixNano").asText("0")), attributes(span.path("attributes"))));
                }
            }
        }
    }

    /** OTLP JSON writes the kind as its number, or as its enum name (SPAN_KIND_CONSUMER). */
    private static Kind kind(JsonNode kind) {
        return kind.isNumber() ? Kind.values()[kind.asInt()] : Kind.valueOf(kind.asText().replace("SPAN_KIND_", ""));
    }

    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> attributes = new HashMap<>();
        for (JsonNode attribute : list) {
            JsonNode value = attribute.path("value");
            String text = value.has("stringValue") ? value.get("stringValue").asText()
                : value.isObject() && value.size() > 0 ? value.elements().next().asText() : "";
            attributes.put(attribute.path("key").asText(), text);
        }
        return attributes;
    }

    private static Optional<JsonNode> parse(String json) {
        try {
            return Optional.of(JSON.readTree(json));
        } catch (IOException partialLine) {
            // The process is still writing this line; the next read sees all of it.
            return Optional.empty();
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
