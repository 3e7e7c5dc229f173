package dev.gampplanner.planner.intake;

import java.time.Duration;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.PromptCommit;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.AvroSerdes;
import dev.gampplanner.schema.codec.Encoded;

/**
 * The intake application, in one place:
 *
 * <pre>
 * plan.requests ──▶ intake ──▶ plan.coordination           (PlanOpened)
 *                     │    ├─▶ agent.context.requests      (AgentRequest)
 *                     │    ├─▶ agent.sme.requests          (AgentRequest)
 *                     │    ├─▶ agent.research.requests     (AgentRequest)
 *                     │    └─▶ plan.rejected               (PlanRejected)
 *                     ├─ seen-requests (correlation ids in use, for GAMP_PLAN_RETENTION)
 *                     └─ waiting-requests (held until the plans ahead leave them time; decided again every 50 ms)
 * undecodable plan.requests records ──▶ plan.requests.dlq (by the exception handler)
 * </pre>
 */
public final class IntakeTopology {

    static final String SOURCE = "plan-requests";
    static final String PROCESSOR = "intake";
    static final String SEEN_STORE = "seen-requests";
    static final String WAITING_STORE = "waiting-requests";
    static final String OPENED_SINK = "to-coordination";
    static final String REJECTED_SINK = "to-rejected";

    private IntakeTopology() {
    }

    static String requestSink(AgentKind agent) {
        return "to-" + TopicCatalog.agentName(agent) + "-requests";
    }

    /** @param backlog the plans this process's aggregator has still to answer, told of every plan opened */
    public static Topology build(GampConfig config, Intake intake, PlannerMetrics metrics, PlanBacklog backlog) {
        TopicCatalog topics = config.topics();
        Duration memory = config.planRetention();
        Serializer<Encoded<?>> encoded = (topic, value) -> value == null ? null : value.bytes();
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.ByteArray().deserializer(), AvroSerdes.encoded(PlanRequest.class).deserializer(),
            topics.planRequests());
        topology.addProcessor(PROCESSOR, () -> new IntakeProcessor(intake, memory, config.intakeMinTimeLeft(), metrics, backlog,
            new PromptCommit(config.commitInterval(), backlog::ahead)), SOURCE);
        topology.addStateStore(Stores.windowStoreBuilder(
            Stores.persistentWindowStore(SEEN_STORE, memory, Duration.ofMillis(1), false),
            Serdes.String(), Serdes.String()), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WAITING_STORE),
            Serdes.Bytes(), Serdes.ByteArray()), PROCESSOR);
        topology.addSink(OPENED_SINK, topics.coordination(), Serdes.ByteArray().serializer(), encoded, PROCESSOR);
        for (AgentKind agent : AgentKind.values()) {
            topology.addSink(requestSink(agent), topics.agentRequests(agent), Serdes.ByteArray().serializer(), encoded, PROCESSOR);
        }
        topology.addSink(REJECTED_SINK, topics.rejected(), Serdes.ByteArray().serializer(), encoded, PROCESSOR);
        return topology;
    }
}
