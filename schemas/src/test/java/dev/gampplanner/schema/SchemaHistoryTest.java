package dev.gampplanner.schema;

import dev.gampplanner.schema.codec.PublishedSchemas;
import dev.gampplanner.schema.codec.SchemaHistory;

/**
 * The published contract's history: after a deliberate change of a topic schema, publish it with
 * {@code mvn -pl schemas test -Dtest=SchemaHistoryTest -Dschema.history.write=true}.
 */
class SchemaHistoryTest extends SchemaHistoryContract {

    @Override
    protected SchemaHistory history() {
        return PublishedSchemas.HISTORY;
    }
}
