package dev.gampplanner.schema.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A set of record types and every version of their schemas that was ever written: the published
 * contract of the topics ({@link PublishedSchemas}), or a service's private store schemas.
 *
 * <p>The history lives in a class-path folder as one self-contained {@code .avsc} per version,
 * listed in its {@code index}. Readers resolve any listed version to the current class, so a record
 * written years ago by an older service still decodes.
 *
 * @param folder  the class-path folder holding the {@code .avsc} files and the {@code index}
 * @param current the current class of each record type, by Avro full name
 */
public record SchemaHistory(String folder, Map<String, Class<? extends SpecificRecord>> current) {

    public SchemaHistory {
        Objects.requireNonNull(folder);
        current = Map.copyOf(current);
    }

    @SafeVarargs
    public static SchemaHistory of(String folder, Class<? extends SpecificRecord>... types) {
        Map<String, Class<? extends SpecificRecord>> byName = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : types) {
            byName.put(schemaOf(type).getFullName(), type);
        }
        return new SchemaHistory(folder, byName);
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not an Avro generated class", e);
        }
    }

    /** One written version of a record schema. */
    public record Version(String name, int version, Schema schema) {
        public Version {
            Objects.requireNonNull(name);
            Objects.requireNonNull(schema);
        }
    }

    /** Every version, in index order (by type, then ascending version). */
    public List<Version> versions() {
        String index = "/" + folder + "/index";
        List<Version> versions = new ArrayList<>();
        try (InputStream in = SchemaHistory.class.getResourceAsStream(index)) {
            if (in == null) {
                throw new IllegalStateException("schema history index " + index + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String file = line.strip();
                if (!file.isEmpty() && !file.startsWith("#")) {
                    versions.add(load(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history " + index, e);
        }
        return versions;
    }

    private Version load(String file) throws IOException {
        // File names are <SimpleName>.v<N>.avsc
        int dot = file.indexOf(".v");
        if (dot < 0 || !file.endsWith(".avsc")) {
            throw new IllegalStateException("schema history entry '" + file + "' is not named <Type>.v<N>.avsc");
        }
        int version = Integer.parseInt(file.substring(dot + 2, file.length() - ".avsc".length()));
        try (InputStream in = SchemaHistory.class.getResourceAsStream("/" + folder + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schema history lists " + file + " but it is not on the class path");
            }
            Schema schema = new Schema.Parser().parse(in);
            return new Version(schema.getFullName(), version, schema);
        }
    }
}
