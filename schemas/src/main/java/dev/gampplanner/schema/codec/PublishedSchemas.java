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

import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/**
 * Every record type that is ever written to Kafka (topics and changelogs), and every version of its
 * schema that was ever published.
 *
 * <p>The history lives in {@code schema-history/} as one self-contained {@code .avsc} per version,
 * listed in {@code schema-history/index}. Readers resolve any listed version to the current class,
 * so a record written years ago by an older planner still decodes.
 */
public final class PublishedSchemas {

    private static final String HISTORY_INDEX = "/schema-history/index";

    /** The current class of each published record type, by Avro full name. */
    public static final Map<String, Class<? extends SpecificRecord>> CURRENT = current(
        PlanRequest.class, PlanOpened.class, AgentRequest.class, AgentResult.class, DeadlineExpired.class,
        MergedPlan.class, LateResult.class, PlanRejected.class, PlanState.class, HeldResult.class, EmittedPlan.class);

    private PublishedSchemas() {
    }

    @SafeVarargs
    private static Map<String, Class<? extends SpecificRecord>> current(Class<? extends SpecificRecord>... types) {
        Map<String, Class<? extends SpecificRecord>> byName = new LinkedHashMap<>();
        for (Class<? extends SpecificRecord> type : types) {
            byName.put(schemaOf(type).getFullName(), type);
        }
        return Map.copyOf(byName);
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not an Avro generated class", e);
        }
    }

    /** One published version of a record schema. */
    public record Version(String name, int version, Schema schema) {
        public Version {
            Objects.requireNonNull(name);
            Objects.requireNonNull(schema);
        }
    }

    /** Every published version, in index order (by type, then ascending version). */
    public static List<Version> history() {
        List<Version> versions = new ArrayList<>();
        try (InputStream index = PublishedSchemas.class.getResourceAsStream(HISTORY_INDEX)) {
            if (index == null) {
                throw new IllegalStateException("schema history index " + HISTORY_INDEX + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String file = line.strip();
                if (file.isEmpty() || file.startsWith("#")) {
                    continue;
                }
                versions.add(load(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema history", e);
        }
        return versions;
    }

    private static Version load(String file) throws IOException {
        // File names are <SimpleName>.v<N>.avsc
        int dot = file.indexOf(".v");
        if (dot < 0 || !file.endsWith(".avsc")) {
            throw new IllegalStateException("schema history entry '" + file + "' is not named <Type>.v<N>.avsc");
        }
        int version = Integer.parseInt(file.substring(dot + 2, file.length() - ".avsc".length()));
        try (InputStream in = PublishedSchemas.class.getResourceAsStream("/schema-history/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schema history lists " + file + " but it is not on the class path");
            }
            Schema schema = new Schema.Parser().parse(in);
            return new Version(schema.getFullName(), version, schema);
        }
    }
}
