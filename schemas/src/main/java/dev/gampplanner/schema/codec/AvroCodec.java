package dev.gampplanner.schema.codec;

import org.apache.avro.specific.SpecificRecord;

/**
 * The {@link SchemaCodec} of the published topic records: what every service, upstream producer and
 * auditor reads and writes.
 */
public final class AvroCodec {

    private static final SchemaCodec PUBLISHED = new SchemaCodec(PublishedSchemas.HISTORY);

    private AvroCodec() {
    }

    public static byte[] encode(SpecificRecord record) {
        return SchemaCodec.encode(record);
    }

    /** Decodes a value that must be a {@code type} record. */
    public static <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        return PUBLISHED.decode(bytes, type);
    }

    /** Decodes a value of any published record type. */
    public static SpecificRecord decodeAny(byte[] bytes) {
        return PUBLISHED.decodeAny(bytes);
    }
}
