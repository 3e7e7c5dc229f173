package dev.gampplanner.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;
import dev.gampplanner.schema.codec.InvalidRecordException.Reason;

class AvroCodecTest {

    private static PlanRequest request() {
        return PlanRequest.newBuilder()
            .setSource("URS-001.md")
            .setUrs("# URS\n- URS-1: The system shall log in users.")
            .setGampCategory(3)
            .setDeadline(Instant.parse("2026-11-25T10:00:00Z"))
            .setSubmittedBy(null)
            .setLabels(Map.of("site", "Basel"))
            .build();
    }

    @Test
    void roundTripsASingleObjectEncodedRecord() {
        byte[] bytes = AvroCodec.encode(request());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(AvroCodec.decode(bytes, PlanRequest.class)).isEqualTo(request());
    }

    @Test
    void encodingIsDeterministicSoDigestsAreStable() {
        assertThat(Encoded.of(request()).sha256()).isEqualTo(Encoded.of(request()).sha256()).hasSize(64);
    }

    @Test
    void refusesEachKindOfBadValueWithItsOwnReason() {
        byte[] valid = AvroCodec.encode(request());
        assertReason(new byte[0], Reason.EMPTY);
        assertReason(null, Reason.EMPTY);
        assertReason("not avro at all".getBytes(), Reason.NOT_SINGLE_OBJECT_ENCODED);

        byte[] unknownFingerprint = valid.clone();
        unknownFingerprint[5] ^= 0x5A;
        assertReason(unknownFingerprint, Reason.UNKNOWN_SCHEMA);

        assertReason(Arrays.copyOf(valid, valid.length - 3), Reason.MALFORMED_BODY);
        assertReason(Arrays.copyOf(valid, valid.length + 4), Reason.TRAILING_BYTES);

        DeadlineExpired other = DeadlineExpired.newBuilder().setCorrelationId("c").setDeadline(Instant.EPOCH)
            .setDecidedAt(Instant.EPOCH).setMissingAgents(java.util.List.of()).setReceivedResults(java.util.List.of()).build();
        assertThatThrownBy(() -> AvroCodec.decode(AvroCodec.encode(other), PlanRequest.class))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_RECORD_TYPE))
            .hasMessageContaining("expected a PlanRequest").hasMessageContaining("DeadlineExpired");
    }

    @Test
    void randomBytesBehindAValidHeaderNeverEscapeAsAnythingButInvalidRecord() {
        byte[] valid = AvroCodec.encode(request());
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] value = new byte[10 + random.nextInt(200)];
            random.nextBytes(value);
            System.arraycopy(valid, 0, value, 0, 10);
            try {
                AvroCodec.decode(value, PlanRequest.class);
            } catch (InvalidRecordException expected) {
                assertThat(expected.reason()).isIn(Reason.MALFORMED_BODY, Reason.TRAILING_BYTES);
            }
        }
    }

    private static void assertReason(byte[] value, Reason reason) {
        assertThatThrownBy(() -> AvroCodec.decode(value, PlanRequest.class))
            .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
