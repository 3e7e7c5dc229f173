package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;

/**
 * Plans every example under a fixed id and time and compares the SHA-256 of each agent result and of
 * the merged plan with the recorded ones: a change of code that is meant to leave behaviour alone
 * must leave these bytes alone. After a deliberate change of what the planner answers, record the
 * new digests with {@code -Dgolden.write=true} and say in the commit why they changed.
 */
class GoldenPlansTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyExamplePlansToTheRecordedBytes() throws IOException {
        OfflinePlanner planner = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents());
        List<String> lines = new ArrayList<>();
        for (UrsFile file : UrsFile.bundledExamples()) {
            CorrelationId id = CorrelationId.parse(UUID.nameUUIDFromBytes(file.name().getBytes(StandardCharsets.UTF_8)).toString());
            OfflinePlanner.Trace trace = planner.trace(id, AT, file.name(), file.text(), null, "golden");
            for (AgentKind kind : AgentKind.values()) {
                lines.add(file.name() + " " + kind.name().toLowerCase() + " " + trace.results().get(kind).sha256());
            }
            lines.add(file.name() + " plan " + Digests.sha256Hex(AvroCodec.encode(trace.plan())));
        }
        if (Boolean.getBoolean("golden.write")) {
            Files.write(GoldenFiles.toWrite("plans.sha256"), lines, StandardCharsets.UTF_8);
        }
        Path golden = GoldenFiles.matching("plans.sha256", lines, line -> true);
        assertThat(lines).as(GoldenFiles.describe(golden)).containsExactlyElementsOf(GoldenFiles.lines(golden, line -> true));
    }
}
