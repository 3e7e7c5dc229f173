package dev.gampplanner.schema;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Random values for any Avro schema, to prove records of old schema versions still decode. */
public final class RandomRecords {

    private final Random random;

    public RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    public Object generate(Schema schema) {
        return generate(schema, 0);
    }

    private Object generate(Schema schema, int depth) {
        switch (schema.getType()) {
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), generate(field.schema(), depth + 1));
                }
                return record;
            }
            case ENUM: {
                List<String> symbols = schema.getEnumSymbols();
                return new GenericData.EnumSymbol(schema, symbols.get(random.nextInt(symbols.size())));
            }
            case ARRAY: {
                int size = depth > 6 ? 0 : random.nextInt(3);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    items.add(generate(schema.getElementType(), depth + 1));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP: {
                int size = depth > 6 ? 0 : random.nextInt(3);
                Map<String, Object> map = new HashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put("k" + i, generate(schema.getValueType(), depth + 1));
                }
                return map;
            }
            case UNION: {
                List<Schema> branches = schema.getTypes();
                // Deep unions collapse to their first branch (null) so generation terminates.
                Schema branch = depth > 6 ? branches.get(0) : branches.get(random.nextInt(branches.size()));
                return generate(branch, depth + 1);
            }
            case STRING:
                return "s" + random.nextInt(1000);
            case BYTES:
                return ByteBuffer.wrap(new byte[] {(byte) random.nextInt()});
            case INT:
                return random.nextInt(100);
            case LONG:
                return 1_700_000_000_000L + random.nextInt(1_000_000);
            case FLOAT:
                return random.nextFloat();
            case DOUBLE:
                return random.nextDouble();
            case BOOLEAN:
                return random.nextBoolean();
            case NULL:
                return null;
            case FIXED:
                byte[] fixed = new byte[schema.getFixedSize()];
                random.nextBytes(fixed);
                return new GenericData.Fixed(schema, fixed);
            default:
                throw new IllegalArgumentException("unsupported schema type " + schema.getType());
        }
    }
}
