package dev.gampplanner.planner.aggregate;

import org.apache.kafka.common.serialization.Serde;
import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.codec.AvroSerdes;
import dev.gampplanner.schema.codec.SchemaCodec;
import dev.gampplanner.schema.codec.SchemaHistory;
import dev.gampplanner.schema.state.EmittedPlan;
import dev.gampplanner.schema.state.HeldResult;
import dev.gampplanner.schema.state.PlanState;

/**
 * The aggregator's private store schemas. They are not published — no one but the aggregator reads
 * its changelogs — but they are kept compatible like the published ones, in {@code state-schema-history/},
 * because a restarted planner restores state an older planner wrote.
 */
public final class StateSchemas {

    public static final SchemaHistory HISTORY = SchemaHistory.of("state-schema-history",
        PlanState.class, HeldResult.class, EmittedPlan.class);

    private static final SchemaCodec CODEC = new SchemaCodec(HISTORY);

    private StateSchemas() {
    }

    static <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return AvroSerdes.of(type, CODEC);
    }
}
