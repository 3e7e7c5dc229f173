package dev.gampplanner.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.avro.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A schema as published to other languages: without the {@code avro.java.*} properties the Java code generator adds.
 * Other libraries keep unknown properties in their canonical form, so their fingerprint would differ from the services'.
 */
public final class PortableSchemaText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PortableSchemaText() {
    }

    public static String of(Schema schema) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(clean(JSON.readTree(schema.toString()))) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema other languages read: the published text parsed back. */
    public static Schema portable(Schema schema) {
        return new Schema.Parser().parse(of(schema));
    }

    /** Drops the Java properties; a primitive left with nothing but its type is written as its bare name. */
    private static JsonNode clean(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(object.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("avro.java.")).toList());
            object.properties().forEach(field -> field.setValue(clean(field.getValue())));
            if (object.size() == 1 && object.path("type").isTextual()) {
                return object.get("type");
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, clean(array.get(i)));
            }
        }
        return node;
    }
}
