package dev.gampplanner.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * langchain4j's HTTP transport over one JDK client shared by every call of an agent instance (one connection pool,
 * one selector thread), with a per-call read timeout. Unlike the stock transport it keeps the {@code Retry-After}
 * header of a refused call, so a rate-limited agent waits as long as the server asks.
 */
final class ModelHttpClient implements HttpClient {

    private final java.net.http.HttpClient shared;
    private final Duration readTimeout;

    private ModelHttpClient(java.net.http.HttpClient shared, Duration readTimeout) {
        this.shared = shared;
        this.readTimeout = readTimeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder call = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout)
            .method(request.method().name(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach((name, values) -> values.forEach(value -> call.header(name, value)));
        HttpResponse<String> response;
        try {
            response = shared.send(call.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for the model", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelHttpException(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").map(ModelHttpClient::retryAfter).orElse(null));
        }
        return SuccessfulHttpResponse.builder()
            .statusCode(response.statusCode())
            .headers(response.headers().map())
            .body(response.body())
            .build();
    }

    /** Answers are taken whole; nothing here streams. */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("the agents do not stream model answers");
    }

    /** Retry-After is delay-seconds or an HTTP date; null when it is neither. */
    static Duration retryAfter(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        try {
            Duration until = Duration.between(Instant.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Builds clients on the shared JDK client; its connect timeout is set there, once. */
    static final class Builder implements HttpClientBuilder {

        private final java.net.http.HttpClient shared;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(java.net.http.HttpClient shared) {
            this.shared = shared;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ModelHttpClient(shared, readTimeout);
        }
    }
}
