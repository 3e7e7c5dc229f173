package dev.gampplanner.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.AgentKind;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** What an exactly-once Streams application puts on /metrics about its transactions, on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class StreamsServiceMetricsTest {

    @Test
    void exposesTheTransactionalProducersRetriesAndCommitTimes(TestBroker broker, @TempDir Path state) {
        GampConfig config = TestConfigs.fresh(broker, state);
        // Two topics of the catalog, which the service creates as it starts.
        String in = config.topics().agentRequests(AgentKind.RESEARCH);
        String out = config.topics().agentResults(AgentKind.RESEARCH);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        try (Observability observability = new Observability();
             StreamsService service = new StreamsService("metrics-test", config, builder.build(), observability, Map.of(),
                 List.of(in, out))) {
            service.start();
            try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "test");
                 TopicProbe copies = new TopicProbe(config, out)) {
                producer.send(new ProducerRecord<>(in, "k".getBytes(), "v".getBytes()));
                producer.flush();
                copies.awaitCount(1, Duration.ofSeconds(60));
            }
            String scrape = ((PrometheusMeterRegistry) observability.registry()).scrape();
            assertThat(scrape).containsPattern("(?m)^kafka_producer_record_retry_total\\{")
                .containsPattern("(?m)^kafka_producer_txn_commit_time_ns_total\\{")
                .containsPattern("(?m)^kafka_producer_txn_begin_time_ns_total\\{");
        }
    }
}
