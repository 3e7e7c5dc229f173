package dev.gampplanner.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import dev.gampplanner.schema.AgentKind;
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

    /** The agent's model settings: its own GAMP_<AGENT>_* variable where set, else the shared one. */
    static ModelSettings read(EnvironmentReader env, AgentKind agent) {
        AgentMode mode = env.parse(own(agent, Setting.MODE), Setting.MODE, ModelSettings::mode, AgentMode.DETERMINISTIC);
        String baseUrl = env.parse(own(agent, Setting.LLM_BASE_URL), Setting.LLM_BASE_URL, ModelSettings::httpUrl, "");
        String model = env.parse(own(agent, Setting.LLM_MODEL), Setting.LLM_MODEL, raw -> raw, "");
        if (mode == AgentMode.LLM && model.isEmpty()) {
            env.problem("the " + agent.name().toLowerCase(Locale.ROOT) + " agent is in LLM mode but names no model: set "
                + Setting.LLM_MODEL.variable() + " or " + own(agent, Setting.LLM_MODEL));
        }
        return new ModelSettings(mode, baseUrl, model, apiKey(env, agent),
            env.duration(own(agent, Setting.LLM_TIMEOUT), Setting.LLM_TIMEOUT, Duration.ofMillis(100), Duration.ofHours(1)),
            env.integer(own(agent, Setting.LLM_MAX_TOKENS), Setting.LLM_MAX_TOKENS, 1, 1_000_000),
            env.parse(own(agent, Setting.LLM_TEMPERATURE), Setting.LLM_TEMPERATURE, ModelSettings::temperature, 0.0),
            env.integer(own(agent, Setting.LLM_CONCURRENCY), Setting.LLM_CONCURRENCY, 1, 4096),
            env.integer(own(agent, Setting.LLM_MAX_CALLS), Setting.LLM_MAX_CALLS, 1, 100));
    }

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

    private static String own(AgentKind agent, Setting setting) {
        return EnvironmentReader.agentVariable(agent, setting);
    }

    /** The agent's own key (or key file) when it has one, else the shared one. */
    private static String apiKey(EnvironmentReader env, AgentKind agent) {
        String variable = own(agent, Setting.LLM_API_KEY);
        String fileVariable = variable + "_FILE";
        return env.isSet(variable) || env.isSet(fileVariable)
            ? env.secret(variable, fileVariable) : env.secret(Setting.LLM_API_KEY);
    }

    private static AgentMode mode(String raw) {
        try {
            return AgentMode.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be deterministic or llm, got '" + raw + "'");
        }
    }

    private static String httpUrl(String raw) {
        try {
            URI uri = new URI(raw);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http or https URL such as http://127.0.0.1:8000/v1, got '" + raw + "'");
            }
            return raw.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be an http or https URL, got '" + raw + "'");
        }
    }

    private static double temperature(String raw) {
        double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number, got '" + raw + "'");
        }
        if (!(value >= 0 && value <= 2)) {
            throw new IllegalArgumentException("must be between 0 and 2, got " + raw);
        }
        return value;
    }
}
