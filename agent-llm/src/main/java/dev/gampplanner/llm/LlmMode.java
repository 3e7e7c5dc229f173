package dev.gampplanner.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.config.AgentSettings;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.ModelSettings;
import dev.gampplanner.schema.AgentMode;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ModelExchange;

/** Puts an agent in the mode its configuration names, or in the mode a recorded result was made in. */
public final class LlmMode {

    /** Leaves this much of the request's budget, at most, for writing the answer after the last call. */
    private static final Duration MAX_RESERVE = Duration.ofSeconds(1);

    private LlmMode() {
    }

    /** The agent itself in deterministic mode; in LLM mode the agent drafting with its configured model. */
    public static <P extends SpecificRecord, D> Agent configure(Agent analyst, DraftSpec<P, D> spec, GampConfig config) {
        ModelSettings model = config.model(analyst.kind());
        if (!model.llm()) {
            return analyst;
        }
        AgentSettings settings = config.agent(analyst.kind());
        ModelConnection connection = new ModelConnection(model);
        Clock clock = Clock.systemUTC();
        return new DraftingAgent<>(analyst, spec, model.model(), new Drafting<>(spec, model.model(), settings::backoffAfter),
            request -> new LiveLine(connection, clock, giveUpAt(clock.instant(), settings.timeBudget(), request.getDeadline())));
    }

    /** The agent that rebuilds {@code recorded} from the exchanges it records, calling no model. */
    public static <P extends SpecificRecord, D> Agent replaying(Agent analyst, DraftSpec<P, D> spec, AgentResult recorded) {
        if (recorded.getMode() != AgentMode.LLM) {
            return analyst;
        }
        List<ModelExchange> exchanges = recorded.getGeneration() == null ? List.of() : recorded.getGeneration().getExchanges();
        return new DraftingAgent<>(analyst, spec, recorded.getModel(), new Drafting<>(spec, recorded.getModel(), attempt -> Duration.ZERO),
            request -> new ReplayLine(exchanges));
    }

    /**
     * The earlier of the budget's end and the deadline, less a fifth of what is left (at most a second): time to write
     * the answer, and slack for a timeout the scheduler delivers late on a busy machine.
     */
    static Instant giveUpAt(Instant now, Duration budget, Instant deadline) {
        Instant end = now.plus(budget).isBefore(deadline) ? now.plus(budget) : deadline;
        Duration span = Duration.between(now, end);
        if (span.isNegative()) {
            return now;
        }
        Duration reserve = span.dividedBy(5);
        return end.minus(reserve.compareTo(MAX_RESERVE) < 0 ? reserve : MAX_RESERVE);
    }
}
