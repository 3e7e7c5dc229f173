package dev.gampplanner.llm;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

import dev.gampplanner.schema.ExchangeOutcome;
import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.exception.TimeoutException;

/** What a call to the model came to, as it is recorded. */
final class Exchanges {

    /** Enough of an error body to tell what the server said, without filling the record. */
    private static final int DETAIL_LIMIT = 1000;

    private Exchanges() {
    }

    static ModelExchange response(String text, String finishReason) {
        return new ModelExchange(ExchangeOutcome.RESPONSE, 200, text, "finish reason " + finishReason);
    }

    static ModelExchange noCallSlot(int slots) {
        return new ModelExchange(ExchangeOutcome.NO_CALL_SLOT, null, null,
            "all " + slots + " model call slot(s) of this instance stayed busy for the rest of the time budget");
    }

    /** The call that failed with {@code error}, classified by what the server (or the network) did. */
    static ModelCallFailed failure(RuntimeException error) {
        Optional<ModelHttpException> http = cause(error, ModelHttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            String retryAfter = http.get().retryAfter().map(wait -> ", Retry-After " + wait.toMillis() + " ms").orElse("");
            ExchangeOutcome outcome = status == 429 ? ExchangeOutcome.RATE_LIMITED
                : status >= 500 ? ExchangeOutcome.SERVER_ERROR : ExchangeOutcome.CLIENT_ERROR;
            return new ModelCallFailed(new ModelExchange(outcome, status, null,
                "HTTP " + status + retryAfter + ": " + shorten(http.get().getMessage())), http.get().retryAfter().orElse(null));
        }
        if (cause(error, TimeoutException.class).isPresent() || cause(error, HttpTimeoutException.class).isPresent()) {
            return failed(ExchangeOutcome.TIMEOUT, "no answer in time: " + rootMessage(error));
        }
        if (cause(error, ConnectException.class).isPresent() || cause(error, UnknownHostException.class).isPresent()
            || cause(error, UnresolvedAddressException.class).isPresent()) {
            return failed(ExchangeOutcome.UNREACHABLE, "cannot connect: " + rootMessage(error));
        }
        // An answer the client could not read as a chat completion (no choices, not JSON): the server's fault.
        return failed(ExchangeOutcome.SERVER_ERROR, shorten(rootMessage(error)));
    }

    private static ModelCallFailed failed(ExchangeOutcome outcome, String detail) {
        return new ModelCallFailed(new ModelExchange(outcome, null, null, detail), null);
    }

    static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String shorten(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= DETAIL_LIMIT ? flat : flat.substring(0, DETAIL_LIMIT) + "\u2026";
    }
}
