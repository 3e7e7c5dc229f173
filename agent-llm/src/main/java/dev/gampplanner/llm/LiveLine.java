package dev.gampplanner.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.gampplanner.schema.ModelExchange;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Calls the live server for one request. Every call, and every wait before one, ends by {@code giveUpAt}, which
 * leaves the worker time to write the answer before the request's budget is spent.
 */
final class LiveLine implements ModelLine {

    private final ModelConnection connection;
    private final Clock clock;
    private final Instant giveUpAt;
    private final List<ModelExchange> exchanges = new ArrayList<>();

    LiveLine(ModelConnection connection, Clock clock, Instant giveUpAt) {
        this.connection = connection;
        this.clock = clock;
        this.giveUpAt = giveUpAt;
    }

    @Override
    public <D> D call(Function<ChatModel, D> ask) {
        try {
            if (!connection.acquire(remaining())) {
                throw noCallSlot();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noCallSlot();
        }
        try {
            Duration timeout = min(connection.settings().timeout(), remaining());
            return ask.apply(new RecordingModel(connection.model(timeout.isZero() ? Duration.ofMillis(1) : timeout), exchanges));
        } finally {
            connection.release();
        }
    }

    @Override
    public boolean another(Duration wait) {
        if (exchanges.size() >= connection.settings().maxCalls() || Thread.currentThread().isInterrupted()
            || !clock.instant().plus(wait).isBefore(giveUpAt)) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<ModelExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private ModelCallFailed noCallSlot() {
        ModelExchange none = Exchanges.noCallSlot(connection.settings().concurrency());
        exchanges.add(none);
        return new ModelCallFailed(none, null);
    }

    private Duration remaining() {
        Duration left = Duration.between(clock.instant(), giveUpAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
