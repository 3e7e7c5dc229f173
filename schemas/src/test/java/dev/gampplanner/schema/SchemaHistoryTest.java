package dev.gampplanner.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.PublishedSchemas;

/**
 * The schema history is never skipped: every record type written to Kafka has its current schema
 * published, and every published version stays readable by the next version's readers and the
 * other way round.
 *
 * <p>After a deliberate schema change, publish it with
 * {@code mvn -pl schemas test -Dschema.history.write=true} and commit the new {@code .avsc}.
 */
class SchemaHistoryTest {

    private static final Map<String, List<PublishedSchemas.Version>> HISTORY = PublishedSchemas.history().stream()
        .collect(Collectors.groupingBy(PublishedSchemas.Version::name));

    @Test
    void everyCurrentSchemaIsPublished() throws IOException {
        List<String> unpublished = new ArrayList<>();
        for (Map.Entry<String, Class<? extends SpecificRecord>> type : PublishedSchemas.CURRENT.entrySet()) {
            Schema current = PublishedSchemas.schemaOf(type.getValue());
            Optional<PublishedSchemas.Version> latest = versionsOf(type.getKey()).stream()
                .max(Comparator.comparingInt(PublishedSchemas.Version::version));
            if (latest.isPresent() && latest.get().schema().equals(current)) {
                continue;
            }
            int next = latest.map(v -> v.version() + 1).orElse(1);
            if (Boolean.getBoolean("schema.history.write")) {
                publish(type.getValue().getSimpleName(), next, current);
            } else {
                unpublished.add(type.getValue().getSimpleName() + " (would be v" + next + ")");
            }
        }
        if (!unpublished.isEmpty()) {
            fail("schemas changed without a published version: " + unpublished
                + ". Check they stay compatible, then run: mvn -pl schemas test -Dschema.history.write=true");
        }
    }

    @Test
    void eachVersionReadsThePreviousVersionsRecordsAndTheOtherWayRound() {
        for (List<PublishedSchemas.Version> versions : HISTORY.values()) {
            List<PublishedSchemas.Version> ordered = versions.stream()
                .sorted(Comparator.comparingInt(PublishedSchemas.Version::version)).toList();
            for (int i = 1; i < ordered.size(); i++) {
                Schema older = ordered.get(i - 1).schema();
                Schema newer = ordered.get(i).schema();
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(newer, older).getType())
                    .as("v%d of %s reads v%d", i + 1, newer.getName(), i)
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(older, newer).getType())
                    .as("v%d of %s reads v%d", i, newer.getName(), i + 1)
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void recordsWrittenWithEveryPublishedVersionDecodeToTheCurrentClasses() throws IOException {
        RandomRecords random = new RandomRecords(42);
        for (PublishedSchemas.Version version : PublishedSchemas.history()) {
            for (int sample = 0; sample < 20; sample++) {
                GenericRecord record = (GenericRecord) random.generate(version.schema());
                BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), version.schema());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encoder.encode(record, out);
                SpecificRecord decoded = AvroCodec.decodeAny(out.toByteArray());
                assertThat(decoded.getClass()).isEqualTo(PublishedSchemas.CURRENT.get(version.name()));
            }
        }
    }

    @Test
    void everyPublishedTypeHasAHistory() {
        assertThat(HISTORY.keySet()).containsAll(PublishedSchemas.CURRENT.keySet());
    }

    private static List<PublishedSchemas.Version> versionsOf(String fullName) {
        return HISTORY.getOrDefault(fullName, List.of());
    }

    private static void publish(String simpleName, int version, Schema schema) throws IOException {
        Path dir = Path.of(System.getProperty("schema.history.dir"));
        String file = simpleName + ".v" + version + ".avsc";
        Files.writeString(dir.resolve(file), schema.toString(true) + "\n", StandardCharsets.UTF_8);
        Path index = dir.resolve("index");
        List<String> entries = new ArrayList<>(Files.exists(index) ? Files.readAllLines(index) : List.of());
        entries.removeIf(line -> line.isBlank() || line.startsWith("#"));
        entries.add(file);
        entries.sort(Comparator.naturalOrder());
        List<String> lines = new ArrayList<>();
        lines.add("# Every published schema version; readers resolve each of them to the current class.");
        lines.add("# Written by SchemaHistoryTest with -Dschema.history.write=true. Never edit or remove a published file.");
        lines.addAll(entries);
        Files.write(index, lines, StandardCharsets.UTF_8);
    }
}
