package dev.gampplanner.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

import org.apache.avro.specific.SpecificRecord;

/**
 * Extra work time the benchmark gives the agents it starts, to measure how the fan-out overlaps
 * them: {@value #ALL} for every agent, {@code BENCH_<AGENT>_AGENT_DELAY} for one (e.g.
 * {@code BENCH_SME_AGENT_DELAY}); with {@value #SOURCE} set, only requests for the URS of that source name
 * are slowed, so one running fleet answers the same plan with and without the delay. Outside the
 * {@code GAMP_} namespace on purpose: no service knows it; only {@code gamp bench-serve} wraps its agents with it.
 *
 * @param source the source name whose requests are slowed; empty for every request
 */
public record AgentDelays(Map<AgentKind, Duration> delays, String source) {

    public static final String ALL = "BENCH_AGENT_DELAY";
    public static final String SOURCE = "BENCH_AGENT_DELAY_SOURCE";

    public static AgentDelays fromEnvironment(Map<String, String> environment) {
        Map<AgentKind, Duration> delays = new EnumMap<>(AgentKind.class);
        for (AgentKind kind : AgentKind.values()) {
            String value = environment.getOrDefault(variable(kind), environment.getOrDefault(ALL, "0ms"));
            delays.put(kind, Durations.parse(value));
        }
        return new AgentDelays(delays, environment.getOrDefault(SOURCE, ""));
    }

    /** The variable that slows one agent. */
    public static String variable(AgentKind kind) {
        return "BENCH_" + kind.name().toUpperCase(Locale.ROOT) + "_AGENT_DELAY";
    }

    /** {@code agent}, slowed by its delay (itself when there is none). */
    public Agent wrap(Agent agent) {
        Duration delay = delays.getOrDefault(agent.kind(), Duration.ZERO);
        return delay.isZero() ? agent : new Delayed(agent, delay, source);
    }

    private record Delayed(Agent agent, Duration delay, String source) implements Agent {

        @Override
        public AgentIdentity identity() {
            return agent.identity();
        }

        @Override
        public SpecificRecord analyse(AgentRequest request) throws AgentException {
            if (!source.isEmpty() && !source.equals(request.getSource())) {
                return agent.analyse(request);
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AgentException.transientFailure(AgentErrorCode.INTERRUPTED, "stopped while the benchmark delay ran", e);
            }
            return agent.analyse(request);
        }
    }
}
