package dev.gampplanner.schema.codec;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The published fields that were strings up to MergedPlan v2 and AgentResult v2 and are enums since, and the enum
 * LateResult v1 published without a default, which therefore can take no new symbol.
 *
 * <p>Avro resolves no string to an enum or back, so a field cannot change its type and stay readable
 * both ways; nor can an enum without a default gain a symbol. Each such field therefore keeps its place (readers of
 * the earlier versions need it) as a mirror of the enum field next to it: the code sets and reads only the enum, the
 * codec writes the mirror from it before encoding (a record built in memory has empty or default mirrors until it is
 * written), and a record written by an earlier version gets its enum from the mirror when it is decoded. A mirror
 * naming no symbol reads as the enum's default, as Avro reads a symbol unknown to the reader; a symbol an enum mirror
 * lacks is written as the mirror enum's default.
 */
public final class EnumMirrors {

    /** The enum field {@code enumField} of the record {@code record} and its string or enum mirror {@code mirrorField}. */
    public record Mirror(String record, String enumField, String mirrorField) {
    }

    private static final String NS = "dev.gampplanner.schema.";

    public static final List<Mirror> ALL = List.of(
        new Mirror(NS + "RequirementRisk", "riskLevel", "level"),
        new Mirror(NS + "SmeAssessment", "overallRiskLevel", "overallRisk"),
        new Mirror(NS + "ControlStatus", "controlFramework", "framework"),
        new Mirror(NS + "ComplianceGap", "controlFramework", "framework"),
        new Mirror(NS + "ComplianceGap", "severityLevel", "severity"),
        new Mirror(NS + "Recommendation", "priorityLevel", "priority"),
        new Mirror(NS + "GuidanceFinding", "guidanceStatus", "status"),
        new Mirror(NS + "TracedRequirement", "riskLevel", "risk"),
        new Mirror(NS + "PlannedTest", "priorityLevel", "priority"),
        new Mirror(NS + "GapAction", "severityLevel", "severity"),
        new Mirror(NS + "LateResult", "cause", "reason"));

    private static final Set<Mirror> EVERY = Set.copyOf(ALL);
    private static final Map<String, List<Mirror>> BY_RECORD = ALL.stream().collect(Collectors.groupingBy(Mirror::record));
    private static final Map<String, Boolean> HOLDS_MIRRORS = new ConcurrentHashMap<>();

    private EnumMirrors() {
    }

    /** The enum field a field mirrors, when it is a mirror. */
    public static Optional<String> enumFieldOf(Schema record, String field) {
        return BY_RECORD.getOrDefault(record.getFullName(), List.of()).stream()
            .filter(m -> m.mirrorField().equals(field)).map(Mirror::enumField).findFirst();
    }

    /** Whether the field is an enum field that has a string mirror. */
    public static boolean isMirrored(Schema record, String field) {
        return BY_RECORD.getOrDefault(record.getFullName(), List.of()).stream().anyMatch(m -> m.enumField().equals(field));
    }

    /** Writes every mirror in the record and the records it holds from its enum field. */
    static void writeMirrors(SpecificRecord record) {
        visit(record, EVERY, (r, m) -> {
            Object symbol = r.get(r.getSchema().getField(m.enumField()).pos());
            Schema.Field mirror = r.getSchema().getField(m.mirrorField());
            r.put(mirror.pos(), symbol == null ? null : mirrorValue(mirror.schema(), symbol.toString()));
        });
    }

    /** The mirrors whose enum field the writer schema lacks: their enum is to be read from the string. */
    static Set<Mirror> predating(Schema writer) {
        Map<String, Schema> records = new HashMap<>();
        collectRecords(writer, records);
        return ALL.stream().filter(m -> records.containsKey(m.record()) && records.get(m.record()).getField(m.enumField()) == null)
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Sets the enum field of each of the mirrors from its mirror, in the record and the records it holds. */
    static void readMirrors(SpecificRecord record, Set<Mirror> mirrors) {
        if (mirrors.isEmpty()) {
            return;
        }
        visit(record, mirrors, (r, m) -> {
            Schema.Field field = r.getSchema().getField(m.enumField());
            Object text = r.get(r.getSchema().getField(m.mirrorField()).pos());
            r.put(field.pos(), text == null ? null : symbol(field.schema(), text.toString()));
        });
    }

    /** The mirror's value for an enum symbol: the symbol's name in a string mirror, the same symbol in an enum one. */
    private static Object mirrorValue(Schema fieldSchema, String symbol) {
        return enumOf(fieldSchema).isPresent() ? symbol(fieldSchema, symbol) : symbol;
    }

    private static Object symbol(Schema fieldSchema, String text) {
        Schema enumSchema = enumOf(fieldSchema).orElseThrow();
        String name = enumSchema.hasEnumSymbol(text) ? text : enumSchema.getEnumDefault();
        return SpecificData.get().createEnum(name, enumSchema);
    }

    private static Optional<Schema> enumOf(Schema fieldSchema) {
        return fieldSchema.getType() == Schema.Type.UNION
            ? fieldSchema.getTypes().stream().filter(s -> s.getType() == Schema.Type.ENUM).findFirst()
            : Optional.of(fieldSchema).filter(s -> s.getType() == Schema.Type.ENUM);
    }

    private interface Action {
        void apply(SpecificRecord record, Mirror mirror);
    }

    private static void visit(Object value, Set<Mirror> mirrors, Action action) {
        if (value instanceof SpecificRecord record) {
            if (!holdsMirrors(record.getSchema())) {
                return;
            }
            for (Mirror mirror : BY_RECORD.getOrDefault(record.getSchema().getFullName(), List.of())) {
                if (mirrors.contains(mirror)) {
                    action.apply(record, mirror);
                }
            }
            for (Schema.Field field : record.getSchema().getFields()) {
                visit(record.get(field.pos()), mirrors, action);
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> visit(item, mirrors, action));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> visit(item, mirrors, action));
        }
    }

    private static boolean holdsMirrors(Schema schema) {
        return HOLDS_MIRRORS.computeIfAbsent(schema.getFullName(), name -> {
            Map<String, Schema> records = new HashMap<>();
            collectRecords(schema, records);
            return records.keySet().stream().anyMatch(BY_RECORD::containsKey);
        });
    }

    private static void collectRecords(Schema schema, Map<String, Schema> records) {
        switch (schema.getType()) {
            case RECORD -> {
                if (records.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(f -> collectRecords(f.schema(), records));
                }
            }
            case ARRAY -> collectRecords(schema.getElementType(), records);
            case MAP -> collectRecords(schema.getValueType(), records);
            case UNION -> schema.getTypes().forEach(s -> collectRecords(s, records));
            default -> { }
        }
    }
}
