package dev.gampplanner.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.codec.PublishedSchemas;
import dev.gampplanner.schema.codec.SchemaHistory;

/**
 * The published contract's history: after a deliberate change of a topic schema, publish it with
 * {@code mvn -pl schemas test -Dtest=SchemaHistoryTest -Dschema.history.write=true}.
 */
class SchemaHistoryTest extends SchemaHistoryContract {

    @Override
    protected SchemaHistory history() {
        return PublishedSchemas.HISTORY;
    }

    /** Other languages' libraries keep unknown properties in their canonical form, which would change the fingerprint. */
    @Test
    void publishedFilesCarryNoJavaOnlyProperties() throws IOException {
        for (SchemaHistory.Version version : history().versions()) {
            String file = "/schema-history/" + version.name().substring(version.name().lastIndexOf('.') + 1)
                + ".v" + version.version() + ".avsc";
            try (InputStream in = SchemaHistoryTest.class.getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(file).doesNotContain("avro.java");
            }
        }
    }

    @Test
    void theLatestFileHasTheFingerprintTheServicesCompute() {
        Map<String, SchemaHistory.Version> latest = history().versions().stream()
            .collect(Collectors.toMap(SchemaHistory.Version::name, v -> v, (a, b) -> a.version() > b.version() ? a : b));
        history().current().forEach((name, type) -> assertThat(
            SchemaNormalization.parsingFingerprint64(latest.get(name).schema()))
            .as(name).isEqualTo(SchemaNormalization.parsingFingerprint64(SchemaHistory.schemaOf(type))));
    }
}
