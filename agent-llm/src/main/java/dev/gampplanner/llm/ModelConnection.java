package dev.gampplanner.llm;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.gampplanner.runtime.config.ModelSettings;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * One agent instance's connection to its OpenAI-protocol server: a shared HTTP client, and as many call slots as
 * {@code GAMP_<AGENT>_LLM_CONCURRENCY} allows, so a burst of requests queues here instead of overrunning the server.
 */
final class ModelConnection {

    private final ModelSettings settings;
    private final java.net.http.HttpClient http;
    private final Semaphore slots;

    ModelConnection(ModelSettings settings) {
        this.settings = settings;
        this.http = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
        this.slots = new Semaphore(settings.concurrency(), true);
    }

    ModelSettings settings() {
        return settings;
    }

    /** Takes a call slot, waiting at most {@code wait}; false when none came free. */
    boolean acquire(Duration wait) throws InterruptedException {
        return slots.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
    }

    void release() {
        slots.release();
    }

    /**
     * The model for one call that must end within {@code timeout}. It sends a strict JSON schema for the answer and
     * never retries by itself: the agent decides about retries, within the request's budget and honouring Retry-After.
     */
    ChatModel model(Duration timeout) {
        return OpenAiChatModel.builder()
            .httpClientBuilder(new ModelHttpClient.Builder(http))
            .baseUrl(settings.baseUrl())
            .apiKey(settings.apiKey().isEmpty() ? null : settings.apiKey())
            .modelName(settings.model())
            .temperature(settings.temperature())
            .maxTokens(settings.maxTokens())
            .timeout(timeout)
            .maxRetries(0)
            .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
            .strictJsonSchema(true)
            .build();
    }
}
