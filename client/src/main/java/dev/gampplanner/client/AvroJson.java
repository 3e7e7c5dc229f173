package dev.gampplanner.client;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.gampplanner.schema.codec.EnumMirrors;

/**
 * Avro records as plain JSON: unions unwrapped, timestamps as ISO-8601, enums by name. (Avro's own
 * JSON encoding wraps every union value in its type name, which no reader of a plan wants.) A field
 * that became an enum keeps the name and place of the string it was ({@link EnumMirrors}).
 */
public final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof SpecificRecord record) {
            ObjectNode node = NODES.objectNode();
            Schema schema = record.getSchema();
            for (Schema.Field field : schema.getFields()) {
                if (EnumMirrors.isMirrored(schema, field.name())) {
                    continue;
                }
                // A mirror shows its enum, which is what a record built in memory (never encoded) holds.
                Object shown = EnumMirrors.enumFieldOf(schema, field.name()).map(e -> record.get(schema.getField(e).pos()))
                    .orElseGet(() -> record.get(field.pos()));
                node.set(field.name(), toJson(shown));
            }
            return node;
        }
        if (value instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                .forEach(e -> node.set(e.getKey().toString(), toJson(e.getValue())));
            return node;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Enum<?> symbol) {
            return NODES.textNode(symbol.name());
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Float number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return NODES.textNode(HexFormat.of().formatHex(copy));
        }
        return NODES.textNode(value.toString());
    }
}
