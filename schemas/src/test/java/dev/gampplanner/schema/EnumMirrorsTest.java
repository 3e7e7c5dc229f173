package dev.gampplanner.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.PublishedSchemas;
import dev.gampplanner.schema.codec.SchemaHistory;

/**
 * The fields that became enums in AgentResult v3 and MergedPlan v3: a v2 reader finds each enum's
 * symbol in the string it knows, and a record a v2 writer wrote gets its enums back from those strings.
 * LateResult's cause, mirrored in the v1 enum that cannot take its new symbols, works the same way.
 */
class EnumMirrorsTest {

    private static final int V2 = 2;

    @Test
    void aRecordReadAsV2AndWrittenBackDecodesToTheSameEnums() throws IOException {
        RandomRecords random = new RandomRecords(7);
        for (Class<? extends SpecificRecord> type : List.of(AgentResult.class, MergedPlan.class)) {
            Schema current = SchemaHistory.schemaOf(type);
            Schema v2 = v2Of(current);
            for (int sample = 0; sample < 20; sample++) {
                SpecificRecord record = AvroCodec.decodeAny(encode((GenericRecord) random.generate(current), current));
                byte[] written = AvroCodec.encode(record);
                GenericRecord seenByV2 = new GenericDatumReader<GenericRecord>(current, v2)
                    .read(null, DecoderFactory.get().binaryDecoder(written, 10, written.length - 10, null));
                SpecificRecord readBack = AvroCodec.decodeAny(encode(seenByV2, v2));
                SpecificRecord expected = AvroCodec.decodeAny(written);
                if (expected instanceof MergedPlan plan) {
                    // New in v3 and not in any v2 field, so a v2 record has none.
                    plan.getTests().forEach(test -> test.setVariant(null));
                }
                assertThat(readBack).as(type.getSimpleName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aV2StringNamingNoSymbolReadsAsTheEnumsDefault() throws IOException {
        Schema current = SchemaHistory.schemaOf(AgentResult.class);
        Schema v2 = v2Of(current);
        RequirementRisk risk = RequirementRisk.newBuilder().setRequirementId("URS-1").setSeverity(3).setOccurrence(3)
            .setDetectability(3).setRpn(27).setRiskLevel(RiskLevel.HIGH).setFactors(List.of()).setRationale("r")
            .setControls(List.of()).build();
        AgentResult result = AgentResult.newBuilder().setCorrelationId("c").setAgent(AgentKind.SME).setAgentRequestSha256("s")
            .setStatus(ResultStatus.SUCCEEDED).setAgentVersion("v").setKnowledgeBaseVersion("k")
            .setPayload(SmeAssessment.newBuilder().setRisks(List.of(risk)).setControls(List.of()).setGaps(List.of())
                .setRecommendations(List.of()).setOverallRiskLevel(RiskLevel.LOW).setSummary("s").build())
            .build();
        byte[] written = AvroCodec.encode(result);
        GenericRecord seenByV2 = new GenericDatumReader<GenericRecord>(current, v2)
            .read(null, DecoderFactory.get().binaryDecoder(written, 10, written.length - 10, null));
        GenericRecord payload = (GenericRecord) seenByV2.get("payload");
        assertThat(payload.get("overallRisk")).hasToString("LOW");
        ((GenericRecord) ((List<?>) payload.get("risks")).get(0)).put("level", "SEVERE");

        SmeAssessment read = (SmeAssessment) AvroCodec.decode(encode(seenByV2, v2), AgentResult.class).getPayload();
        assertThat(read.getOverallRiskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(read.getRisks().get(0).getRiskLevel()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void aCauseTheV1EnumLacksReadsAsItsDefaultInV1AndAV1ReasonBecomesTheCause() throws IOException {
        Schema current = SchemaHistory.schemaOf(LateResult.class);
        Schema v1 = versionOf(current, 1);
        for (LateCause cause : LateCause.values()) {
            byte[] written = AvroCodec.encode(LateResult.newBuilder().setCorrelationId("c").setAgent(AgentKind.SME).setCause(cause)
                .setResultSha256("s").setResultStatus(ResultStatus.SUCCEEDED).setResultTopic("t").setResultPartition(0)
                .setResultOffset(1).setDetail("d").build());
            GenericRecord seenByV1 = new GenericDatumReader<GenericRecord>(current, v1)
                .read(null, DecoderFactory.get().binaryDecoder(written, 10, written.length - 10, null));
            String expected = cause == LateCause.FORGED || cause == LateCause.OTHER ? "UNEXPECTED_AGENT" : cause.name();
            assertThat(seenByV1.get("reason")).as(cause.name()).hasToString(expected);

            LateResult readBack = AvroCodec.decode(encode(seenByV1, v1), LateResult.class);
            assertThat(readBack.getCause()).as(cause.name()).hasToString(expected);
            assertThat(AvroCodec.decode(written, LateResult.class).getCause()).isEqualTo(cause);
        }
    }

    private static Schema v2Of(Schema current) {
        return versionOf(current, V2);
    }

    private static Schema versionOf(Schema current, int version) {
        return PublishedSchemas.history().stream()
            .filter(v -> v.name().equals(current.getFullName()) && v.version() == version).findFirst().orElseThrow().schema();
    }

    private static byte[] encode(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record, out);
        return out.toByteArray();
    }
}
