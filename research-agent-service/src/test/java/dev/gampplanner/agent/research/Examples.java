package dev.gampplanner.agent.research;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

/** The example URS documents of the repository and requests built from them. */
final class Examples {

    static final Path DIRECTORY = Path.of("..", "examples", "urs");
    private static final Instant REQUESTED_AT = Instant.parse("2026-03-02T09:00:00Z");

    /** @param categories the GAMP categories the manifest accepts for the example (3/4 for an ambiguous one) */
    record Example(String id, List<Integer> categories, String title) {

        String urs() {
            return read(id);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private Examples() {
    }

    static List<Example> all() {
        try {
            List<String> lines = Files.readAllLines(DIRECTORY.resolve("manifest.csv"));
            List<Example> examples = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                examples.add(new Example(cells[0], Arrays.stream(cells[1].split("/")).map(Integer::valueOf).toList(),
                    cells[2].replace("\"", "")));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String id) {
        try {
            return Files.readString(DIRECTORY.resolve(id + ".md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentRequest request(String id, int category) {
        return request(id + ".md", read(id), category);
    }

    static AgentRequest request(String source, String urs, int category) {
        return AgentRequest.newBuilder()
            .setCorrelationId("research-test-" + source)
            .setAgent(AgentKind.RESEARCH)
            .setSource(source)
            .setUrs(urs)
            .setGampCategory(category)
            .setRequestedAt(REQUESTED_AT)
            .setDeadline(REQUESTED_AT.plusSeconds(120))
            .setPlanRequestSha256("0".repeat(64))
            .build();
    }
}
