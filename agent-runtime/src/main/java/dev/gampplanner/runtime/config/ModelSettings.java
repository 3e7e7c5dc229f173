package dev.gampplanner.runtime.config;

import java.time.Duration;

import dev.gampplanner.schema.AgentMode;

/**
 * How one agent uses a language model, if it does.
 *
 * @param mode deterministic, or llm: a model drafts the narrative parts on top of the agent's analysis
 * @param baseUrl the OpenAI-protocol server, e.g. {@code https://api.openai.com/v1}
 * @param model the model name sent and recorded
 * @param apiKey bearer token; empty for a server that needs none
 * @param timeout longest one call may take
 * @param maxTokens most tokens an answer may have
 * @param temperature sampling temperature
 * @param concurrency most calls in flight per service instance
 * @param maxCalls most calls per request, retries included
 */
public record ModelSettings(AgentMode mode, String baseUrl, String model, String apiKey, Duration timeout, int maxTokens,
                            double temperature, int concurrency, int maxCalls) {

    public boolean llm() {
        return mode == AgentMode.LLM;
    }

    /** Everything but the key, which is a secret. */
    @Override
    public String toString() {
        return "ModelSettings[mode=" + mode + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
            + (apiKey.isEmpty() ? "(none)" : "(set)") + ", timeout=" + Durations.format(timeout) + ", maxTokens=" + maxTokens
            + ", temperature=" + temperature + ", concurrency=" + concurrency + ", maxCalls=" + maxCalls + "]";
    }
}
