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

import dev.gampplanner.schema.codec.SchemaCodec;
import dev.gampplanner.schema.codec.SchemaHistory;

/**
 * A schema history is never skipped: every record type written to Kafka has its current schema
 * written down, and every version stays readable by the next version's readers and the other way
 * round. Each history (the published one, a service's store schemas) has a test extending this.
 *
 * <p>After a deliberate schema change, write the new version with {@code -Dschema.history.write=true}
 * on that test and commit the new {@code .avsc}.
 */
public abstract class SchemaHistoryContract {

    private final SchemaHistory history = history();
    private final SchemaCodec codec = new SchemaCodec(history);
    private final Map<String, List<SchemaHistory.Version>> byName = history.versions().stream()
        .collect(Collectors.groupingBy(SchemaHistory.Version::name));

    /** The history under test. */
    protected abstract SchemaHistory history();

    @Test
    public void everyCurrentSchemaIsPublished() throws IOException {
        List<String> unpublished = new ArrayList<>();
        for (Map.Entry<String, Class<? extends SpecificRecord>> type : history.current().entrySet()) {
            Schema current = PortableSchemaText.portable(SchemaHistory.schemaOf(type.getValue()));
            Optional<SchemaHistory.Version> latest = versionsOf(type.getKey()).stream()
                .max(Comparator.comparingInt(SchemaHistory.Version::version));
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
                + ". Check they stay compatible, then run this test with -Dschema.history.write=true");
        }
    }

    @Test
    public void eachVersionReadsThePreviousVersionsRecordsAndTheOtherWayRound() {
        for (List<SchemaHistory.Version> versions : byName.values()) {
            List<SchemaHistory.Version> ordered = versions.stream()
                .sorted(Comparator.comparingInt(SchemaHistory.Version::version)).toList();
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
    public void recordsWrittenWithEveryPublishedVersionDecodeToTheCurrentClasses() throws IOException {
        RandomRecords random = new RandomRecords(42);
        for (SchemaHistory.Version version : history.versions()) {
            for (int sample = 0; sample < 20; sample++) {
                GenericRecord record = (GenericRecord) random.generate(version.schema());
                BinaryMessageEncoder<GenericRecord> encoder = new BinaryMessageEncoder<>(GenericData.get(), version.schema());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                encoder.encode(record, out);
                SpecificRecord decoded = codec.decodeAny(out.toByteArray());
                assertThat(decoded.getClass()).isEqualTo(history.current().get(version.name()));
            }
        }
    }

    @Test
    public void everyPublishedTypeHasAHistory() {
        assertThat(byName.keySet()).containsAll(history.current().keySet());
    }

    private List<SchemaHistory.Version> versionsOf(String fullName) {
        return byName.getOrDefault(fullName, List.of());
    }

    private static void publish(String simpleName, int version, Schema schema) throws IOException {
        Path dir = Path.of(System.getProperty("schema.history.dir"));
        String file = simpleName + ".v" + version + ".avsc";
        Files.writeString(dir.resolve(file), PortableSchemaText.of(schema), StandardCharsets.UTF_8);
        Path index = dir.resolve("index");
        List<String> entries = new ArrayList<>(Files.exists(index) ? Files.readAllLines(index) : List.of());
        entries.removeIf(line -> line.isBlank() || line.startsWith("#"));
        entries.add(file);
        entries.sort(Comparator.naturalOrder());
        List<String> lines = new ArrayList<>();
        lines.add("# Every version of these schemas ever written; readers resolve each of them to the current class.");
        lines.add("# Written by SchemaHistoryTest with -Dschema.history.write=true. Never edit or remove a listed file.");
        lines.addAll(entries);
        Files.write(index, lines, StandardCharsets.UTF_8);
    }
}
