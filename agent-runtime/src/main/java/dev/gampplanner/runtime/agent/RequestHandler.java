package dev.gampplanner.runtime.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.gampplanner.runtime.config.AgentSettings;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * What one request leads to: a DLQ copy when it cannot be read, a FAILED result when its plan's deadline has passed or
 * its failure is final, a SUCCEEDED result, or a release for another attempt after a backoff (during which the locks
 * in hand are renewed, so neither this request nor the rest of the batch is redelivered meanwhile). Deciding it needs no
 * acknowledgement, so the worker's loop is left to poll and acknowledge.
 */
final class RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    private final Agent agent;
    private final AgentSettings settings;
    private final RequestDecoder decoder;
    private final BudgetedAnalysis analysis;
    private final LockRenewal locks;
    private final ResultWriter writer;
    private final WorkerMetrics metrics;
    private final Clock clock;

    RequestHandler(Agent agent, AgentSettings settings, RequestDecoder decoder, BudgetedAnalysis analysis, LockRenewal locks,
                   ResultWriter writer, WorkerMetrics metrics, Clock clock) {
        this.agent = agent;
        this.settings = settings;
        this.decoder = decoder;
        this.analysis = analysis;
        this.locks = locks;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @param batch the requests in hand, whose locks are renewed while the agent works */
    Completion handle(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        MDC.put("correlationId", key);
        try {
            AgentRequest request;
            try {
                request = decoder.decode(record);
            } catch (InvalidRecordException e) {
                return writer.deadLetter(record, e);
            }
            int attempt = record.deliveryCount().map(Short::intValue).orElse(1);
            if (attempt > 1) {
                metrics.redelivered();
            }
            String requestSha256 = Digests.sha256Hex(record.value());
            Instant started = clock.instant();
            Instant deadline = request.getDeadline();
            if (!deadline.isAfter(started)) {
                metrics.failed();
                return writer.publish(record, request, requestSha256, Encoded.of(AgentResults.failed(agent, request, requestSha256,
                    AgentErrorCode.DEADLINE_PASSED, "the plan's deadline " + deadline + " passed before the "
                        + TopicCatalog.agentName(agent.kind()) + " agent started", false)), attempt, started);
            }
            Duration budget = min(settings.timeBudget(), Duration.between(started, deadline));
            AgentOutcome outcome = analysis.run(request, budget, locks.intervalMs(), () -> locks.renew(batch));
            if (outcome instanceof AgentOutcome.Success success) {
                metrics.succeeded(Duration.between(started, clock.instant()));
                return writer.publish(record, request, requestSha256, AgentResults.encodedWritable(agent, request, requestSha256,
                    AgentResults.succeeded(agent, request, requestSha256, success.answer())), attempt, started);
            }
            AgentOutcome.Failure failure = (AgentOutcome.Failure) outcome;
            Optional<Duration> backoff = RetryPolicy.retryAfter(failure, attempt, settings, clock.instant(), deadline);
            if (backoff.isPresent()) {
                log.warn("attempt {} of {} failed transiently ({}: {}); releasing it after {} ms", attempt,
                    settings.maxAttempts(), failure.code(), failure.message(), backoff.get().toMillis());
                metrics.released();
                locks.holdFor(backoff.get(), batch);
                return Completion.now(record, AcknowledgeType.RELEASE);
            }
            log.warn("request failed after {} attempt(s): {}: {}", attempt, failure.code(), failure.message());
            metrics.failed();
            return writer.publish(record, request, requestSha256, Encoded.of(AgentResults.failed(agent, request, requestSha256, failure.code(),
                failure.message(), failure.retryable(), failure.generation())), attempt, started);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
