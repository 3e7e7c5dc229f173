package dev.gampplanner.agent.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

/** The example URS documents of the repository, and AgentRequests carrying them. */
final class Examples {

    static final Path DIRECTORY = Path.of("..", "examples", "urs");

    private Examples() {
    }

    /** URS-001.md ... URS-025.md. */
    static List<String> files() {
        return IntStream.rangeClosed(1, 25).mapToObj(n -> String.format("URS-%03d.md", n)).toList();
    }

    static String text(String file) {
        try {
            return Files.readString(DIRECTORY.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentRequest request(String file) {
        return request(file, text(file));
    }

    static AgentRequest request(String source, String urs) {
        return AgentRequest.newBuilder()
            .setCorrelationId("corr-" + source)
            .setAgent(AgentKind.CONTEXT)
            .setSource(source)
            .setUrs(urs)
            .setGampCategory(4)
            .setRequestedAt(Instant.parse("2026-11-02T09:00:00Z"))
            .setDeadline(Instant.parse("2026-11-02T09:05:00Z"))
            .setPlanRequestSha256("0".repeat(64))
            .build();
    }
}
