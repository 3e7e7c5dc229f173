package dev.gampplanner.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;

/** What the worker refuses to work on, and why: each refusal sends the record to the DLQ. */
class RequestDecoderTest {

    private final RequestDecoder decoder = new RequestDecoder(AgentKind.SME, 20);

    private static AgentRequest request(CorrelationId id, AgentKind agent, String urs) {
        return AgentRequest.newBuilder().setCorrelationId(id.toString()).setAgent(agent).setSource("test.md").setUrs(urs)
            .setGampCategory(4).setRequestedAt(Instant.EPOCH).setDeadline(Instant.EPOCH.plusSeconds(60))
            .setPlanRequestSha256("0".repeat(64)).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("agent.sme.requests", 0, 7L, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, AgentRequest request) {
        return record(key, Encoded.of(request).bytes());
    }

    private InvalidRecordException.Reason refusal(ConsumerRecord<byte[], byte[]> record) {
        try {
            decoder.decode(record);
        } catch (InvalidRecordException e) {
            return e.reason();
        }
        throw new AssertionError("the record was accepted");
    }

    @Test
    void acceptsARequestForThisAgentKeyedByItsCorrelationId() {
        CorrelationId id = CorrelationId.random();
        assertThat(decoder.decode(record(id.toString(), request(id, AgentKind.SME, "URS text"))).getUrs()).isEqualTo("URS text");
    }

    @Test
    void refusesAKeyThatIsNotTheRequestsCorrelationId() {
        CorrelationId id = CorrelationId.random();
        assertThat(refusal(record("not-a-uuid", request(id, AgentKind.SME, "URS")))).isEqualTo(InvalidRecordException.Reason.INVALID_KEY);
        assertThat(refusal(record(CorrelationId.random().toString(), request(id, AgentKind.SME, "URS"))))
            .isEqualTo(InvalidRecordException.Reason.INVALID_KEY);
    }

    @Test
    void refusesAUrsLargerThanThePlannerAccepts() {
        CorrelationId id = CorrelationId.random();
        assertThatThrownBy(() -> decoder.decode(record(id.toString(), request(id, AgentKind.SME, "é".repeat(11)))))
            .isInstanceOf(InvalidRecordException.class).hasMessageContaining("22 bytes, more than the 20");
    }

    @Test
    void refusesARequestForAnotherAgent() {
        CorrelationId id = CorrelationId.random();
        assertThat(refusal(record(id.toString(), request(id, AgentKind.CONTEXT, "URS"))))
            .isEqualTo(InvalidRecordException.Reason.WRONG_RECORD_TYPE);
    }

    @Test
    void refusesBytesThatAreNoAgentRequest() {
        assertThatThrownBy(() -> decoder.decode(record(CorrelationId.random().toString(), "garbage".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(InvalidRecordException.class);
    }
}
