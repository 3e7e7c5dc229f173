package dev.gampplanner.planner.aggregate;

import dev.gampplanner.schema.SchemaHistoryContract;
import dev.gampplanner.schema.codec.SchemaHistory;

/**
 * The aggregator's store schemas: after a deliberate change (or a change of a published record they
 * embed), write the new version with
 * {@code mvn -pl schemas,planner-service -am verify -Dtest=StateSchemaHistoryTest -Dsurefire.failIfNoSpecifiedTests=false -Dschema.history.write=true}.
 */
class StateSchemaHistoryTest extends SchemaHistoryContract {

    @Override
    protected SchemaHistory history() {
        return StateSchemas.HISTORY;
    }
}
