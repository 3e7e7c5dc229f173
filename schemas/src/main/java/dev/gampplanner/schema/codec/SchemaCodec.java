package dev.gampplanner.schema.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding (marker {@code C3 01}, 8-byte CRC-64-AVRO schema fingerprint, binary
 * body) for every record GAMP Planner writes.
 *
 * <p>The fingerprint plays the role a registry id plays elsewhere: it names the exact writer schema,
 * which must be one of the versions in this codec's {@link SchemaHistory}. Decoding is strict, because
 * the topics are an audit log: unknown schema, wrong record type, malformed body and trailing bytes
 * are each refused with a distinct {@link InvalidRecordException.Reason}.
 */
public final class SchemaCodec {

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final int HEADER_LENGTH = 10;
    private static final String TRUSTED_PACKAGE = "dev.gampplanner.schema.";

    static {
        // Avro's defaults allow a hostile length prefix to ask for ~2 GB; our records are far smaller.
        setIfAbsent("org.apache.avro.limits.string.maxLength", 16 * 1024 * 1024);
        setIfAbsent("org.apache.avro.limits.bytes.maxLength", 16 * 1024 * 1024);
        setIfAbsent("org.apache.avro.limits.collectionItems.maxLength", 1_000_000);
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
            type -> type.getName().startsWith(TRUSTED_PACKAGE)));
    }

    private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();

    private final SchemaHistory history;
    private final Map<Long, Schema> writers;
    private final Map<Long, Reader> readers = new ConcurrentHashMap<>();

    /** How to read one writer schema: the resolving reader, and the enum mirrors the writer predates. */
    private record Reader(SpecificDatumReader<SpecificRecord> datum, Set<EnumMirrors.Mirror> predating) {
    }

    public SchemaCodec(SchemaHistory history) {
        this.history = history;
        this.writers = writers(history);
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }

    private static Map<Long, Schema> writers(SchemaHistory history) {
        Map<Long, Schema> writers = new HashMap<>();
        for (SchemaHistory.Version version : history.versions()) {
            writers.put(SchemaNormalization.parsingFingerprint64(version.schema()), version.schema());
        }
        // The current schemas are always readable; the history test keeps them published.
        for (Class<? extends SpecificRecord> type : history.current().values()) {
            Schema schema = SchemaHistory.schemaOf(type);
            writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
        }
        return Map.copyOf(writers);
    }

    public static byte[] encode(SpecificRecord record) {
        BinaryMessageEncoder<SpecificRecord> encoder = ENCODERS.computeIfAbsent(record.getClass(),
            type -> new BinaryMessageEncoder<>(SpecificData.getForClass(type), record.getSchema()));
        EnumMirrors.writeMirrors(record);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Decodes a value that must be a {@code type} record. */
    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord record = decodeAny(bytes);
        if (!type.isInstance(record)) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE,
                "expected a " + type.getSimpleName() + " record but the value is a " + record.getSchema().getName());
        }
        return type.cast(record);
    }

    /** Decodes a value of any published record type. */
    public SpecificRecord decodeAny(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException(InvalidRecordException.Reason.EMPTY, "the record value is empty");
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new InvalidRecordException(InvalidRecordException.Reason.NOT_SINGLE_OBJECT_ENCODED,
                "the value does not start with the Avro single-object marker C3 01");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Reader found = readers.computeIfAbsent(fingerprint, this::readerFor);
        if (found == null) {
            throw new InvalidRecordException(InvalidRecordException.Reason.UNKNOWN_SCHEMA,
                "schema fingerprint " + Long.toHexString(fingerprint) + " is not a schema of " + history.folder());
        }
        SpecificDatumReader<SpecificRecord> reader = found.datum();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
        SpecificRecord record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException(InvalidRecordException.Reason.MALFORMED_BODY,
                "the " + reader.getSchema().getName() + " body does not decode: " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new InvalidRecordException(InvalidRecordException.Reason.TRAILING_BYTES,
                    "bytes follow the end of the " + reader.getSchema().getName() + " record");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
        EnumMirrors.readMirrors(record, found.predating());
        return record;
    }

    @SuppressWarnings("unchecked")
    private Reader readerFor(long fingerprint) {
        Schema writer = writers.get(fingerprint);
        if (writer == null) {
            return null;
        }
        Class<? extends SpecificRecord> current = history.current().get(writer.getFullName());
        if (current == null) {
            return null;
        }
        return new Reader(new SpecificDatumReader<>(writer, SchemaHistory.schemaOf(current),
            (SpecificData) SpecificData.getForClass(current)), EnumMirrors.predating(writer));
    }
}
