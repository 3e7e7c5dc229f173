package dev.gampplanner.runtime.agent;

import java.util.Locale;

import dev.gampplanner.runtime.kafka.RecordSizeLimit;
import dev.gampplanner.schema.AgentError;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ModelGeneration;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.Encoded;

/** Builds AgentResult records: values only, so the same request gives the same bytes. */
public final class AgentResults {

    private AgentResults() {
    }

    public static AgentResult succeeded(Agent agent, AgentRequest request, String requestSha256, Answer answer) {
        return base(agent, request, requestSha256).setStatus(ResultStatus.SUCCEEDED).setPayload(answer.payload())
            .setGeneration(answer.generation()).build();
    }

    public static AgentResult failed(Agent agent, AgentRequest request, String requestSha256, AgentErrorCode code, String message,
                                     boolean retryable) {
        return failed(agent, request, requestSha256, code, message, retryable, null);
    }

    /** A failure with the record of the model calls that led to it. */
    public static AgentResult failed(Agent agent, AgentRequest request, String requestSha256, AgentErrorCode code, String message,
                                     boolean retryable, ModelGeneration generation) {
        return base(agent, request, requestSha256)
            .setStatus(ResultStatus.FAILED)
            .setError(new AgentError(code.name(), message, retryable))
            .setPayload(null)
            .setGeneration(generation)
            .build();
    }

    /**
     * The result as it will be written: itself, or a FAILED result saying why when it is too large for a record. Being a
     * function of the result's bytes, a replay of the request decides the same.
     */
    private static AgentResult writable(Agent agent, AgentRequest request, String requestSha256, AgentResult result) {
        return encodedWritable(agent, request, requestSha256, result).record();
    }

    /** {@link #writable}, with the bytes it will be written as: encoding a large result once is enough. */
    public static Encoded<AgentResult> encodedWritable(Agent agent, AgentRequest request, String requestSha256, AgentResult result) {
        Encoded<AgentResult> encoded = Encoded.of(result);
        return RecordSizeLimit.problem(encoded.bytes())
            .map(problem -> Encoded.of(notWritable(agent, request, requestSha256, problem)))
            .orElse(encoded);
    }

    /** The FAILED result that replaces one the broker would not take. */
    public static AgentResult notWritable(Agent agent, AgentRequest request, String requestSha256, String problem) {
        return failed(agent, request, requestSha256, AgentErrorCode.RESULT_NOT_WRITABLE, "the " + agent.kind().name().toLowerCase(Locale.ROOT)
            + " agent's result cannot be written: " + problem, false);
    }

    /** Runs the agent on a request in the calling thread, as {@code gamp audit reproduce} does. */
    public static AgentResult run(Agent agent, AgentRequest request, String requestSha256) {
        try {
            return writable(agent, request, requestSha256, succeeded(agent, request, requestSha256, agent.answer(request)));
        } catch (AgentException e) {
            return failed(agent, request, requestSha256, e.code(), e.getMessage(), e.retryable(), e.generation());
        } catch (RuntimeException e) {
            return failed(agent, request, requestSha256, AgentErrorCode.AGENT_ERROR, e.toString(), false);
        }
    }

    private static AgentResult.Builder base(Agent agent, AgentRequest request, String requestSha256) {
        return AgentResult.newBuilder()
            .setCorrelationId(request.getCorrelationId())
            .setAgent(agent.kind())
            .setAgentRequestSha256(requestSha256)
            .setAgentVersion(agent.identity().version())
            .setKnowledgeBaseVersion(agent.identity().knowledgeBaseVersion())
            .setMode(agent.mode())
            .setModel(agent.model())
            .setGeneration(null)
            .setError(null);
    }
}
