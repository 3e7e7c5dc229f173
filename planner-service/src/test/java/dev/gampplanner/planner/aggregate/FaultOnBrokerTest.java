package dev.gampplanner.planner.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.Fault;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.PlannerServices;
import dev.gampplanner.planner.aggregate.AggregatorInputs.Opened;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.dlq.DeadLetters;
import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.streams.StreamsService;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * The aggregator on a real broker, exactly-once: an undecodable result and a result whose plan fails to assemble each
 * go to their DLQ with the reason, the transaction that carries the DLQ copy carries nothing else, and the next input
 * of the same plan is answered as if the failed one had never come.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FaultOnBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aFailedInputGoesToTheDlqAndTheNextInputOfThePlanIsAnswered(TestBroker broker, @TempDir Path state) {
        GampConfig config = TestConfigs.fresh(broker, state);
        assertThat(KafkaClients.streamsProps(config, "aggregator").get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
            .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        TopicCatalog topics = config.topics();
        Fault assembling = new Fault("assembling the plan");
        PlanAssembler assembler = new FaultyAssembler(assembling);
        // A deadline far enough away that only the results can close the plan during the test.
        Opened plan = AggregatorInputs.open(topics, AggregatorInputs.urs(), Duration.ofMinutes(5), Instant.now());
        byte[] key = plan.id().toString().getBytes(StandardCharsets.UTF_8);
        byte[] research = AggregatorInputs.result(plan, AgentKind.RESEARCH, ResultStatus.SUCCEEDED);
        try (Observability observability = new Observability();
             StreamsService aggregator = new StreamsService(PlannerServices.AGGREGATOR, config,
                 AggregatorTopology.build(topics, AggregatorTopology.Settings.from(config), assembler, Clock.systemUTC(),
                     new PlannerMetrics(observability.registry()), new PlanBacklog()),
                 observability, Map.of(), new TopicAccess(topics).topicsOf(Role.PLANNER));
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "fault-test")) {
            aggregator.start();
            try (TopicProbe merged = new TopicProbe(config, topics.merged());
                 TopicProbe late = new TopicProbe(config, topics.lateResults());
                 TopicProbe smeDlq = new TopicProbe(config, TopicCatalog.deadLetterQueueOf(topics.agentResults(AgentKind.SME)));
                 TopicProbe researchDlq = new TopicProbe(config, TopicCatalog.deadLetterQueueOf(topics.agentResults(AgentKind.RESEARCH)))) {
                send(producer, topics.coordination(), key, plan.opened().bytes());
                send(producer, topics.agentResults(AgentKind.SME), key, new byte[] {1, 2, 3});
                assertDeadLetter(smeDlq.awaitCount(1, WAIT), "NOT_SINGLE_OBJECT_ENCODED");
                send(producer, topics.agentResults(AgentKind.CONTEXT), key, AggregatorInputs.result(plan, AgentKind.CONTEXT, ResultStatus.SUCCEEDED));
                send(producer, topics.agentResults(AgentKind.SME), key, AggregatorInputs.result(plan, AgentKind.SME, ResultStatus.SUCCEEDED));

                assembling.arm();
                send(producer, topics.agentResults(AgentKind.RESEARCH), key, research);
                ConsumerRecord<byte[], byte[]> dead = assertDeadLetter(researchDlq.awaitCount(1, WAIT), DeadLetters.PROCESSING_ERROR);
                assertThat(header(dead, GampHeaders.DLQ_MESSAGE)).isEqualTo("injected fault in assembling the plan");
                assertThat(dead.value()).isEqualTo(research);
                // The DLQ copy is committed, and its transaction wrote no plan.
                assertThat(merged.drain(Duration.ofSeconds(2))).isEmpty();

                // The result again (as a redelivery brings it): the plan completes with every result it held.
                send(producer, topics.agentResults(AgentKind.RESEARCH), key, research);
                List<ConsumerRecord<byte[], byte[]>> answers = merged.awaitCount(1, WAIT);
                MergedPlan answer = AvroCodec.decode(answers.get(0).value(), MergedPlan.class);
                assertThat(answer.getCorrelationId()).isEqualTo(plan.id().toString());
                assertThat(answer.getStatus()).isEqualTo(PlanStatus.COMPLETE);
                assertThat(merged.drain(Duration.ofSeconds(2))).hasSize(1);
                assertThat(late.drain(Duration.ofSeconds(1))).isEmpty();
            }
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
    }

    private static ConsumerRecord<byte[], byte[]> assertDeadLetter(List<ConsumerRecord<byte[], byte[]>> records, String reason) {
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> dead = records.get(0);
        assertThat(header(dead, GampHeaders.DLQ_REASON)).isEqualTo(reason);
        assertThat(header(dead, GampHeaders.DLQ_SERVICE)).isEqualTo(PlannerServices.AGGREGATOR);
        return dead;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
