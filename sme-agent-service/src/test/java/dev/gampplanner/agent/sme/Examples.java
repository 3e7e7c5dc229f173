package dev.gampplanner.agent.sme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

/** The example URS documents of the repository, and requests built from them. */
final class Examples {

    static final Path DIRECTORY = Path.of("..", "examples", "urs");
    private static final Instant REQUESTED_AT = Instant.parse("2026-03-01T09:00:00Z");

    private Examples() {
    }

    /** One example: its id (URS-001), the category it was written for (the first of an ambiguous pair) and its text. */
    record Example(String id, int category, String urs) {

        AgentRequest request() {
            return Examples.request(id + ".md", urs, category);
        }

        @Override
        public String toString() {
            return id + " (Category " + category + ")";
        }
    }

    static List<Example> all() {
        try (Stream<String> lines = Files.lines(DIRECTORY.resolve("manifest.csv"), StandardCharsets.UTF_8)) {
            return lines.skip(1).filter(line -> !line.isBlank()).map(Examples::fromManifest).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Example example(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no example " + id));
    }

    static AgentRequest request(String source, String urs, int category) {
        return AgentRequest.newBuilder()
            .setCorrelationId("sme-test-" + source)
            .setAgent(AgentKind.SME)
            .setSource(source)
            .setUrs(urs)
            .setGampCategory(category)
            .setRequestedAt(REQUESTED_AT)
            .setDeadline(REQUESTED_AT.plusSeconds(120))
            .setPlanRequestSha256("0".repeat(64))
            .build();
    }

    private static Example fromManifest(String manifestLine) {
        String[] cells = manifestLine.split(",", 3);
        int category = Integer.parseInt(cells[1].split("/")[0]);
        try {
            return new Example(cells[0], category, Files.readString(DIRECTORY.resolve(cells[0] + ".md"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
