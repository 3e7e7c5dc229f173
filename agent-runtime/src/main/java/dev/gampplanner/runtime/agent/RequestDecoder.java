package dev.gampplanner.runtime.agent;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.kafka.CorrelationIdSerde;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * Turns a request record into an AgentRequest this agent may work on. What it refuses is bad input, not a failed
 * analysis: the record goes to the DLQ instead of being answered, so nothing is ever answered for the wrong plan.
 */
final class RequestDecoder {

    private final CorrelationIdSerde keys = new CorrelationIdSerde();
    private final AgentKind agent;
    private final int maxUrsBytes;

    RequestDecoder(AgentKind agent, int maxUrsBytes) {
        this.agent = agent;
        this.maxUrsBytes = maxUrsBytes;
    }

    /** @throws InvalidRecordException for a record that is undecodable, mis-keyed, too large or meant for another agent */
    AgentRequest decode(ConsumerRecord<byte[], byte[]> record) {
        CorrelationId key = keys.deserializer().deserialize(record.topic(), record.key());
        AgentRequest request = AvroCodec.decode(record.value(), AgentRequest.class);
        if (!key.toString().equals(request.getCorrelationId())) {
            throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY, "the key " + key
                + " is not the request's correlation id " + request.getCorrelationId());
        }
        int ursBytes = request.getUrs().getBytes(StandardCharsets.UTF_8).length;
        if (ursBytes > maxUrsBytes) {
            throw new InvalidRecordException(InvalidRecordException.Reason.TOO_LARGE, "the request's URS has " + ursBytes
                + " bytes, more than the " + maxUrsBytes + " the planner accepts");
        }
        if (request.getAgent() != agent) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE, "a request for the "
                + request.getAgent() + " agent reached the " + agent + " agent's topic");
        }
        return request;
    }
}
