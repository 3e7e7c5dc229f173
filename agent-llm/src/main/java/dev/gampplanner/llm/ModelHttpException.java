package dev.gampplanner.llm;

import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/** A non-2xx answer of the model server, with how long it asked the caller to wait (Retry-After). */
final class ModelHttpException extends HttpException {

    private final transient Duration retryAfter;

    ModelHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
