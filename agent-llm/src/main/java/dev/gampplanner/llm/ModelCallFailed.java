package dev.gampplanner.llm;

import java.time.Duration;
import java.util.Optional;

import dev.gampplanner.schema.ModelExchange;

/** A call that brought no answer, as recorded; live calls also know how long the server asked to wait. */
final class ModelCallFailed extends RuntimeException {

    private final transient ModelExchange exchange;
    private final transient Duration retryAfter;

    ModelCallFailed(ModelExchange exchange, Duration retryAfter) {
        super(exchange.getOutcome() + ": " + exchange.getDetail(), null, false, false);
        this.exchange = exchange;
        this.retryAfter = retryAfter;
    }

    ModelExchange exchange() {
        return exchange;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
