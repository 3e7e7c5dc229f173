package dev.gampplanner.runtime.agent;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.AgentError;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResultStatus;

/** Builds AgentResult records: values only, so the same request gives the same bytes. */
public final class AgentResults {

    private AgentResults() {
    }

    public static AgentResult succeeded(Agent agent, AgentRequest request, String requestSha256, SpecificRecord payload) {
        return base(agent, request, requestSha256).setStatus(ResultStatus.SUCCEEDED).setPayload(payload).build();
    }

    public static AgentResult failed(Agent agent, AgentRequest request, String requestSha256, String code, String message,
                                     boolean retryable) {
        return base(agent, request, requestSha256)
            .setStatus(ResultStatus.FAILED)
            .setError(new AgentError(code, message, retryable))
            .setPayload(null)
            .build();
    }

    /** Runs the agent on a request in the calling thread, as {@code gamp audit reproduce} does. */
    public static AgentResult run(Agent agent, AgentRequest request, String requestSha256) {
        try {
            return succeeded(agent, request, requestSha256, agent.analyse(request));
        } catch (AgentException e) {
            return failed(agent, request, requestSha256, e.code(), e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            return failed(agent, request, requestSha256, "AGENT_ERROR", e.toString(), false);
        }
    }

    private static AgentResult.Builder base(Agent agent, AgentRequest request, String requestSha256) {
        return AgentResult.newBuilder()
            .setCorrelationId(request.getCorrelationId())
            .setAgent(agent.kind())
            .setAgentRequestSha256(requestSha256)
            .setAgentVersion(agent.version())
            .setKnowledgeBaseVersion(agent.knowledgeBaseVersion())
            .setError(null);
    }
}
