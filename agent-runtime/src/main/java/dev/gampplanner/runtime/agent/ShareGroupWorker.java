package dev.gampplanner.runtime.agent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.config.AgentSettings;
import dev.gampplanner.runtime.dlq.DeadLetterLog;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.runtime.kafka.CorrelationIdSerde;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.codec.InvalidRecordException;

/**
 * One worker thread of an agent service: its own share consumer, a shared idempotent producer.
 *
 * <p>Each request is acknowledged one by one, and only after what it led to is on the broker:
 * {@code ACCEPT} once the AgentResult is written, {@code RELEASE} on a transient failure (after a
 * backoff) so any worker may retry it, {@code REJECT} once an undecodable record's DLQ copy is
 * written. While the agent works, the acquisition locks of the requests in hand are renewed, so a
 * slow agent does not have its work handed to another worker.
 */
final class ShareGroupWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShareGroupWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RENEW_TIMEOUT = Duration.ofSeconds(5);

    private final String workerId;
    private final Agent agent;
    private final AgentSettings settings;
    private final int maxUrsBytes;
    private final String requestTopic;
    private final String resultTopic;
    private final ShareConsumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final CorrelationIdSerde keys = new CorrelationIdSerde();
    private final DeadLetterLog refusals = new DeadLetterLog(log);
    private ExecutorService analysisThread;
    private volatile boolean running = true;
    private volatile boolean alive = true;

    ShareGroupWorker(String workerId, Agent agent, AgentSettings settings, int maxUrsBytes, String requestTopic, String resultTopic,
                     ShareConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, WorkerMetrics metrics,
                     Clock clock) {
        this.workerId = workerId;
        this.agent = agent;
        this.settings = settings;
        this.maxUrsBytes = maxUrsBytes;
        this.requestTopic = requestTopic;
        this.resultTopic = resultTopic;
        this.consumer = consumer;
        this.producer = producer;
        this.metrics = metrics;
        this.clock = clock;
        this.analysisThread = newAnalysisThread();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(requestTopic));
            while (running) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL_TIMEOUT);
                if (!polled.isEmpty()) {
                    Batch batch = new Batch(polled);
                    try {
                        process(batch);
                    } catch (WakeupException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // A defect in handling one batch must not stop the worker: its requests go back to the group.
                        log.error("worker {} could not finish a batch; releasing its requests for another attempt", workerId, e);
                        releaseUnacknowledged(batch);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("worker {} stopped on an unexpected error; its requests return to the share group", workerId, e);
            throw e;
        } finally {
            alive = false;
            analysisThread.shutdownNow();
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Handles every request of a batch, then acknowledges each once its outcome is written. Nothing
     * is acknowledged earlier, so a crash anywhere before leaves every request to be redelivered.
     */
    private void process(Batch batch) {
        List<Completion> completions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record = batch.next(); record != null; record = batch.next()) {
            completions.add(running ? handle(record, batch) : Completion.now(record, AcknowledgeType.RELEASE));
        }
        for (Completion completion : completions) {
            AcknowledgeType type = completion.await(SEND_TIMEOUT);
            try {
                consumer.acknowledge(completion.record(), type);
            } catch (IllegalStateException e) {
                // The lock was lost (renewal refused or too late): the broker redelivers the request and the
                // aggregator records the second answer on plan.late-results.
                log.warn("could not acknowledge {}-{}@{} with {}: {}", completion.record().topic(), completion.record().partition(),
                    completion.record().offset(), type, e.getMessage());
            }
        }
        consumer.commitAsync();
    }

    private void releaseUnacknowledged(Batch batch) {
        for (ConsumerRecord<byte[], byte[]> record : batch.all()) {
            try {
                consumer.acknowledge(record, AcknowledgeType.RELEASE);
            } catch (IllegalStateException alreadyAcknowledged) {
                // Acknowledged before the failure; nothing to release.
            }
        }
        consumer.commitAsync();
    }

    /** Stops after the request in hand; the rest of the batch is released to other workers. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    boolean isAlive() {
        return alive;
    }

    private Completion handle(ConsumerRecord<byte[], byte[]> record, Batch batch) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        MDC.put("correlationId", key);
        try {
            AgentRequest request;
            try {
                request = decode(record);
            } catch (InvalidRecordException e) {
                return deadLetter(record, e);
            }
            int attempt = record.deliveryCount().map(Short::intValue).orElse(1);
            String requestSha256 = Digests.sha256Hex(record.value());
            Instant started = clock.instant();
            Instant deadline = request.getDeadline();
            if (!deadline.isAfter(started)) {
                metrics.failed();
                return publish(record, request, requestSha256, Encoded.of(AgentResults.failed(agent, request, requestSha256,
                    AgentErrorCode.DEADLINE_PASSED, "the plan's deadline " + deadline + " passed before the "
                        + TopicCatalog.agentName(agent.kind()) + " agent started", false)), attempt, started);
            }
            Duration budget = min(settings.timeBudget(), Duration.between(started, deadline));
            AgentOutcome outcome = analyse(request, budget, batch);
            if (outcome instanceof AgentOutcome.Success success) {
                metrics.succeeded(Duration.between(started, clock.instant()));
                return publish(record, request, requestSha256, AgentResults.encodedWritable(agent, request, requestSha256,
                    AgentResults.succeeded(agent, request, requestSha256, success.answer())), attempt, started);
            }
            AgentOutcome.Failure failure = (AgentOutcome.Failure) outcome;
            Duration backoff = settings.backoffAfter(attempt);
            boolean retry = failure.retryable() && attempt < settings.maxAttempts()
                && clock.instant().plus(backoff).isBefore(deadline);
            if (retry) {
                log.warn("attempt {} of {} failed transiently ({}: {}); releasing it after {} ms", attempt,
                    settings.maxAttempts(), failure.code(), failure.message(), backoff.toMillis());
                metrics.released();
                sleep(backoff);
                return Completion.now(record, AcknowledgeType.RELEASE);
            }
            log.warn("request failed after {} attempt(s): {}: {}", attempt, failure.code(), failure.message());
            metrics.failed();
            return publish(record, request, requestSha256, Encoded.of(AgentResults.failed(agent, request, requestSha256,
                failure.code(), failure.message(), failure.retryable(), failure.generation())), attempt, started);
        } finally {
            MDC.remove("correlationId");
        }
    }

    private AgentRequest decode(ConsumerRecord<byte[], byte[]> record) {
        CorrelationId key = keys.deserializer().deserialize(record.topic(), record.key());
        AgentRequest request = AvroCodec.decode(record.value(), AgentRequest.class);
        if (!key.toString().equals(request.getCorrelationId())) {
            throw new InvalidRecordException(InvalidRecordException.Reason.INVALID_KEY, "the key " + key
                + " is not the request's correlation id " + request.getCorrelationId());
        }
        int ursBytes = request.getUrs().getBytes(StandardCharsets.UTF_8).length;
        if (ursBytes > maxUrsBytes) {
            throw new InvalidRecordException(InvalidRecordException.Reason.TOO_LARGE, "the request's URS has " + ursBytes
                + " bytes, more than the " + maxUrsBytes + " the planner accepts");
        }
        if (request.getAgent() != agent.kind()) {
            throw new InvalidRecordException(InvalidRecordException.Reason.WRONG_RECORD_TYPE, "a request for the "
                + request.getAgent() + " agent reached the " + agent.kind() + " agent's topic");
        }
        return request;
    }

    private AgentOutcome analyse(AgentRequest request, Duration budget, Batch batch) {
        Future<Answer> work = analysisThread.submit(() -> agent.answer(request));
        long giveUpAt = System.nanoTime() + budget.toNanos();
        long lockMs = consumer.acquisitionLockTimeoutMs().map(Integer::longValue).orElse(settings.lockDuration().toMillis());
        long renewEvery = Math.max(100, lockMs / 2);
        while (true) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime());
            try {
                return new AgentOutcome.Success(work.get(Math.max(0, Math.min(remainingMs, renewEvery)), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (System.nanoTime() - giveUpAt >= 0) {
                    abandon(work);
                    return new AgentOutcome.Failure(AgentErrorCode.TIME_BUDGET_EXCEEDED,
                        "the agent did not finish within its time budget of " + budget.toMillis() + " ms", false);
                }
                renewLocks(batch);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AgentException failure) {
                    return new AgentOutcome.Failure(failure.code(), failure.getMessage(), failure.retryable(), failure.generation());
                }
                log.error("the {} agent failed unexpectedly", agent.kind(), cause);
                return new AgentOutcome.Failure(AgentErrorCode.AGENT_ERROR, String.valueOf(cause), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(work);
                return new AgentOutcome.Failure(AgentErrorCode.INTERRUPTED, "the worker was stopped while the agent worked", true);
            }
        }
    }

    /** An agent that ignores interruption keeps its thread; the next request gets a fresh one. */
    private void abandon(Future<?> work) {
        work.cancel(true);
        analysisThread.shutdownNow();
        analysisThread = newAnalysisThread();
    }

    /**
     * Extends the acquisition lock of every request in hand. The share consumer hands renewed
     * records back through {@code poll()}; until then they cannot be acknowledged, so this waits for
     * them (briefly) and queues any other record the poll brings.
     */
    private void renewLocks(Batch batch) {
        List<ConsumerRecord<byte[], byte[]>> inHand = batch.all();
        try {
            for (ConsumerRecord<byte[], byte[]> record : inHand) {
                consumer.acknowledge(record, AcknowledgeType.RENEW);
            }
            consumer.commitSync(RENEW_TIMEOUT);
            Set<String> awaited = new HashSet<>();
            inHand.forEach(r -> awaited.add(Batch.key(r)));
            long giveUp = System.nanoTime() + RENEW_TIMEOUT.toNanos();
            while (!awaited.isEmpty() && System.nanoTime() < giveUp) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    if (!awaited.remove(Batch.key(record))) {
                        batch.add(record);
                    }
                }
            }
            if (awaited.isEmpty()) {
                metrics.renewed(inHand.size());
            } else {
                log.warn("the lock renewal of {} request(s) was not confirmed; they may be redelivered", awaited.size());
            }
        } catch (IllegalStateException | KafkaException e) {
            // Without renewal the lock expires and the request is redelivered; the aggregator keeps the first answer.
            log.warn("could not renew the acquisition lock of {} request(s): {}", inHand.size(), e.toString());
        }
    }

    /**
     * Writes the result; should the broker refuse it for good (too large, invalid), a FAILED result saying so takes its
     * place at once, so the plan learns of the failure instead of waiting for retries that cannot succeed.
     */
    private Completion publish(ConsumerRecord<byte[], byte[]> record, AgentRequest request, String requestSha256,
                               Encoded<AgentResult> result, int attempt, Instant started) {
        Completion written = send(record, result, attempt, started);
        if (result.record().getStatus() == ResultStatus.FAILED) {
            return written;
        }
        return written.orOnRefusal(problem -> {
            metrics.failed();
            return send(record, Encoded.of(AgentResults.notWritable(agent, request, requestSha256, problem)), attempt, started);
        });
    }

    private Completion send(ConsumerRecord<byte[], byte[]> record, Encoded<AgentResult> result, int attempt, Instant started) {
        RecordHeaders headers = new RecordHeaders();
        GampHeaders.put(headers, GampHeaders.WORKER, workerId);
        GampHeaders.put(headers, GampHeaders.ATTEMPT, attempt);
        GampHeaders.put(headers, GampHeaders.PROCESSING_MS, Duration.between(started, clock.instant()).toMillis());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(resultTopic, null, null, record.key(),
            result.bytes(), headers);
        return Completion.after(record, producer.send(out), AcknowledgeType.ACCEPT);
    }

    private Completion deadLetter(ConsumerRecord<byte[], byte[]> record, InvalidRecordException error) {
        refusals.refused(record.topic() + "-" + record.partition() + "@" + record.offset(), error.reason().name(),
            error.getMessage());
        metrics.deadLettered(record.topic(), error.reason().name());
        ProducerRecord<byte[], byte[]> copy = DeadLetters.record(TopicCatalog.agentName(agent.kind()) + "-agent", record.topic(),
            record.partition(), record.offset(), record.timestamp(), record.key(), record.value(), record.headers(), error);
        return Completion.after(record, producer.send(copy), AcknowledgeType.REJECT);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ExecutorService newAnalysisThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, workerId + "-analysis");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A request's acknowledgement, due once the record it produced (result or DLQ copy) is written.
     * If that write fails, the request is released so it is tried again rather than lost.
     */
    private record Completion(ConsumerRecord<byte[], byte[]> record, Future<RecordMetadata> write, AcknowledgeType onWritten,
                              Function<String, Completion> onRefusal) {

        static Completion now(ConsumerRecord<byte[], byte[]> record, AcknowledgeType type) {
            return new Completion(record, null, type, null);
        }

        static Completion after(ConsumerRecord<byte[], byte[]> record, Future<RecordMetadata> write, AcknowledgeType type) {
            return new Completion(record, write, type, null);
        }

        /** This completion, with what to write instead should the broker refuse the record for good. */
        Completion orOnRefusal(Function<String, Completion> replacement) {
            return new Completion(record, write, onWritten, replacement);
        }

        AcknowledgeType await(Duration timeout) {
            if (write == null) {
                return onWritten;
            }
            try {
                write.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return onWritten;
            } catch (ExecutionException e) {
                if (onRefusal != null && isPermanent(e.getCause())) {
                    log.warn("the broker refused the outcome of {}-{}@{} for good ({}); answering FAILED instead", record.topic(),
                        record.partition(), record.offset(), e.getCause().toString());
                    return onRefusal.apply(e.getCause().getMessage()).await(timeout);
                }
                log.warn("writing the outcome of {}-{}@{} failed ({}); releasing it for another attempt", record.topic(),
                    record.partition(), record.offset(), e.toString());
                return AcknowledgeType.RELEASE;
            } catch (TimeoutException e) {
                log.warn("writing the outcome of {}-{}@{} failed ({}); releasing it for another attempt", record.topic(),
                    record.partition(), record.offset(), e.toString());
                return AcknowledgeType.RELEASE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return AcknowledgeType.RELEASE;
            }
        }
    }

    /** Failures a retry cannot mend: the same record would be refused the same way. */
    private static boolean isPermanent(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
            || error instanceof org.apache.kafka.common.InvalidRecordException || error instanceof SerializationException;
    }

    /** The requests of one poll, plus any a lock renewal's poll brought; handed out once each. */
    private static final class Batch {
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        private int next;

        Batch(ConsumerRecords<byte[], byte[]> polled) {
            polled.forEach(records::add);
        }

        ConsumerRecord<byte[], byte[]> next() {
            return next < records.size() ? records.get(next++) : null;
        }

        void add(ConsumerRecord<byte[], byte[]> record) {
            records.add(record);
        }

        List<ConsumerRecord<byte[], byte[]>> all() {
            return List.copyOf(records);
        }

        static String key(ConsumerRecord<?, ?> record) {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }
}
