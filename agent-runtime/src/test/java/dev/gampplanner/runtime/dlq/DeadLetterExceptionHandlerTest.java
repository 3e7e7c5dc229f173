package dev.gampplanner.runtime.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gampplanner.runtime.kafka.GampHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeadLetterExceptionHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();

    /** Where a failure happened: a record of {@code topic}, or a punctuation when the topic is null. */
    private record At(String topic, long offset, byte[] key, byte[] value) implements ErrorHandlerContext {
        @Override
        public int partition() {
            return topic == null ? -1 : 2;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "aggregate";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        @Override
        public long timestamp() {
            return 1_000L;
        }

        @Override
        public byte[] sourceRawKey() {
            return key;
        }

        @Override
        public byte[] sourceRawValue() {
            return value;
        }
    }

    @BeforeEach
    void configure() {
        handler.configure(Map.of(DeadLetterExceptionHandler.SERVICE_NAME_CONFIG, "aggregator",
            DeadLetterExceptionHandler.METER_REGISTRY_CONFIG, registry));
    }

    @Test
    void copiesARecordWhoseProcessingFailedToItsTopicsDlqWithTheReason() {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        byte[] value = {4, 5, 6};
        ProcessingExceptionHandler.Response response = handler.handleError(new At("plan.coordination", 7, key, value),
            new Record<>(key, value, 1_000L),
            new IllegalStateException("broken"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("plan.coordination.dlq");
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value()).isEqualTo(value);
            assertThat(header(dead, GampHeaders.DLQ_REASON)).isEqualTo(DeadLetters.PROCESSING_ERROR);
            assertThat(header(dead, GampHeaders.DLQ_MESSAGE)).isEqualTo("broken");
            assertThat(header(dead, GampHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("7");
        });
        assertThat(registry.get("gamp.dead.letters").tag("topic", "plan.coordination").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailedPunctuationHasNoRecordToCopyAndProcessingGoesOn() {
        ProcessingExceptionHandler.Response response = handler.handleError(new At(null, -1, null, null),
            (Record<?, ?>) null,
            new IllegalStateException("broken"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(registry.get("gamp.punctuation.failures").tag("service", "aggregator").counter().count()).isEqualTo(1);
        assertThat(registry.find("gamp.dead.letters").counters()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
