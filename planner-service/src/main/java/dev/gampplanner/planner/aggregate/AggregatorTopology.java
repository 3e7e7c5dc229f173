package dev.gampplanner.planner.aggregate;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.CorrelationIdSerde;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.AvroSerdes;
import dev.gampplanner.schema.codec.Encoded;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/**
 * The aggregator application, in one place:
 *
 * <pre>
 * plan.coordination (PlanOpened, DeadlineExpired) ─┐
 * agent.context.results  (AgentResult) ────────────┤
 * agent.sme.results      (AgentResult) ────────────┼─▶ aggregate ──▶ plan.merged        (MergedPlan)
 * agent.research.results (AgentResult) ────────────┘       │    ├─▶ plan.late-results  (LateResult)
 *                                                          │    └─▶ plan.coordination  (DeadlineExpired, by the deadline timer)
 *         stores: plans, held-results, emitted, timers ─┘
 * undecodable records of any input ──▶ &lt;input&gt;.dlq (by the exception handler)
 * security.signing-keys (SigningKey) ──▶ global store signing-keys: whose signature a result must carry
 * </pre>
 *
 * Every input is keyed by correlation id and co-partitioned, so no repartition is needed. The published keys are a
 * global store: every instance holds all of them, read to the end before processing starts.
 */
public final class AggregatorTopology {

    static final String PROCESSOR = "aggregate";
    static final String PLANS_STORE = "plans";
    static final String RESULTS_STORE = "held-results";
    static final String EMITTED_STORE = "emitted-plans";
    static final String TIMERS_STORE = "timers";
    static final String SIGNING_KEYS_STORE = "signing-keys";
    static final String MERGED_SINK = "to-merged";
    static final String LATE_SINK = "to-late-results";
    static final String COORDINATION_SINK = "to-coordination";

    /**
     * @param deadlines whether the wall-clock deadline timer runs; a replay runs without it and
     *     closes timed-out plans from their recorded DeadlineExpired alone
     * @param commitInterval the Streams commit interval, which an answered plan skips while the aggregator keeps up
     */
    public record Settings(boolean deadlines, Duration checkInterval, Duration maxLead, Duration orphanTimeout,
                           Duration planRetention, Duration commitInterval) {

        public static Settings from(GampConfig config) {
            return new Settings(true, config.deadlineCheckInterval(), config.deadlineMaxLead(), config.orphanTimeout(),
                config.planRetention(), config.commitInterval());
        }

        public Settings withoutDeadlines() {
            return new Settings(false, checkInterval, maxLead, orphanTimeout, planRetention, commitInterval);
        }
    }

    private AggregatorTopology() {
    }

    /** @param backlog told of every plan answered and the work it took, for the intake of the same process */
    public static Topology build(TopicCatalog topics, Settings settings, PlanAssembler assembler, Clock clock,
                                 PlannerMetrics metrics, PlanBacklog backlog) {
        CorrelationIdSerde keys = new CorrelationIdSerde();
        Serializer<Encoded<?>> encoded = (topic, value) -> value == null ? null : value.bytes();
        Topology topology = new Topology();
        topology.addSource("coordination", keys.deserializer(),
            AvroSerdes.encodedOneOf(Set.of(PlanOpened.class, DeadlineExpired.class)).deserializer(), topics.coordination());
        String[] sources = new String[AgentKind.values().length + 1];
        sources[0] = "coordination";
        for (AgentKind agent : AgentKind.values()) {
            String source = TopicCatalog.agentName(agent) + "-results";
            topology.addSource(source, keys.deserializer(), AvroSerdes.encodedOneOf(Set.of(AgentResult.class)).deserializer(),
                topics.agentResults(agent));
            sources[agent.ordinal() + 1] = source;
        }
        topology.addProcessor(PROCESSOR, () -> new AggregatorProcessor(settings, assembler, topics, clock, metrics, backlog), sources);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PLANS_STORE),
            Serdes.String(), StateSchemas.serde(PlanState.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESULTS_STORE),
            Serdes.String(), StateSchemas.serde(HeldResult.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMITTED_STORE),
            Serdes.String(), StateSchemas.serde(EmittedPlan.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
            Serdes.Bytes(), Serdes.ByteArray()), PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SIGNING_KEYS_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled(), "signing-keys-source",
            new BytesDeserializer(), new ByteArrayDeserializer(), topics.signingKeys(), "signing-keys-updater",
            () -> new PublishedKeys.Updater(SIGNING_KEYS_STORE));
        topology.addSink(MERGED_SINK, topics.merged(), keys.serializer(), encoded, PROCESSOR);
        topology.addSink(LATE_SINK, topics.lateResults(), keys.serializer(), encoded, PROCESSOR);
        topology.addSink(COORDINATION_SINK, topics.coordination(), keys.serializer(), encoded, PROCESSOR);
        return topology;
    }
}
