package dev.gampplanner.schema.codec;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.DeadlineExpired;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRejected;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.SigningKey;

/**
 * Every record type published on a topic, and every version of its schema that was ever published:
 * the contract upstream producers and auditors rely on. It lives in {@code schema-history/}.
 */
public final class PublishedSchemas {

    public static final SchemaHistory HISTORY = SchemaHistory.of("schema-history",
        PlanRequest.class, PlanOpened.class, AgentRequest.class, AgentResult.class, DeadlineExpired.class,
        MergedPlan.class, LateResult.class, PlanRejected.class, SigningKey.class);

    /** The current class of each published record type, by Avro full name. */
    public static final Map<String, Class<? extends SpecificRecord>> CURRENT = HISTORY.current();

    private PublishedSchemas() {
    }

    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SchemaHistory.schemaOf(type);
    }

    /** Every published version, in index order (by type, then ascending version). */
    public static List<SchemaHistory.Version> history() {
        return HISTORY.versions();
    }
}
