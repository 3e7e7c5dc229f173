package dev.gampplanner.cli.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.gampplanner.agent.context.ContextAgent;
import dev.gampplanner.agent.context.ContextDrafts;
import dev.gampplanner.agent.research.ResearchAgent;
import dev.gampplanner.agent.research.ResearchDrafts;
import dev.gampplanner.agent.sme.SmeAgent;
import dev.gampplanner.agent.sme.SmeDrafts;
import dev.gampplanner.llm.DraftSpec;
import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.PlannerServices;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentService;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ManagedService;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.schema.AgentKind;

/** The services a gamp process can run, by the names operators use. */
public final class ServiceCatalog {

    /** {@code planner} runs both of the planner's applications; {@code all} runs everything. */
    public static final List<String> NAMES = List.of("planner", "intake", "aggregator", "context", "sme", "research", "all");

    private ServiceCatalog() {
    }

    /**
     * The services for {@code names}, in start order: aggregator before intake, agents after.
     *
     * @throws IllegalArgumentException naming an unknown service
     */
    public static List<Function<Observability, ManagedService>> resolve(GampConfig config, List<String> names) {
        return resolve(config, names, UnaryOperator.identity());
    }

    /**
     * As {@link #resolve(GampConfig, List)}, each deterministic agent wrapped by {@code agents} (the benchmark slows
     * them) before the configuration's mode applies.
     */
    public static List<Function<Observability, ManagedService>> resolve(GampConfig config, List<String> names,
                                                                      UnaryOperator<Agent> agents) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT).strip();
            switch (name) {
                case "all" -> wanted.addAll(List.of("aggregator", "intake", "context", "sme", "research"));
                case "planner" -> wanted.addAll(List.of("aggregator", "intake"));
                case "intake", "aggregator", "context", "sme", "research" -> wanted.add(name);
                default -> throw new IllegalArgumentException("unknown service '" + raw + "'; choose from " + NAMES);
            }
        }
        List<Function<Observability, ManagedService>> services = new ArrayList<>();
        PlannerKnowledge knowledge = wanted.contains("aggregator") || wanted.contains("intake") ? PlannerKnowledge.load() : null;
        // The intake refuses what the aggregator of the same process could not answer in time.
        PlanBacklog backlog = new PlanBacklog();
        for (String name : List.of("aggregator", "intake", "context", "sme", "research")) {
            if (!wanted.contains(name)) {
                continue;
            }
            switch (name) {
                case "aggregator" -> services.add(PlannerServices.aggregator(config, knowledge, backlog));
                case "intake" -> services.add(PlannerServices.intake(config, knowledge, backlog));
                default -> {
                    AgentKind kind = AgentKind.valueOf(name.toUpperCase(Locale.ROOT));
                    Agent agent = LlmMode.configure(agents.apply(agent(kind, config)), drafts(kind), config);
                    services.add(observability -> new AgentService(config, agent, observability));
                }
            }
        }
        return services;
    }

    /** The default, deterministic agents, with their knowledge loaded: what replay re-runs. */
    public static Map<AgentKind, Agent> agents() {
        Map<AgentKind, Agent> agents = new EnumMap<>(AgentKind.class);
        for (AgentKind kind : AgentKind.values()) {
            agents.put(kind, agent(kind));
        }
        return agents;
    }

    /** Every agent's draft specification, to replay results drafted in LLM mode. */
    public static Map<AgentKind, DraftSpec<?, ?>> drafts() {
        Map<AgentKind, DraftSpec<?, ?>> drafts = new EnumMap<>(AgentKind.class);
        for (AgentKind kind : AgentKind.values()) {
            drafts.put(kind, drafts(kind));
        }
        return drafts;
    }

    /** What each agent asks a model for in LLM mode, and how it checks the answer. */
    public static DraftSpec<?, ?> drafts(AgentKind kind) {
        return switch (kind) {
            case CONTEXT -> new ContextDrafts();
            case SME -> new SmeDrafts();
            case RESEARCH -> new ResearchDrafts();
        };
    }

    /** The deterministic agent of a kind as a service runs it: the context agent's embedding cache sized by {@code config}. */
    private static Agent agent(AgentKind kind, GampConfig config) {
        return kind == AgentKind.CONTEXT ? ContextAgent.load(config.embeddingCacheSize()) : agent(kind);
    }

    /** The default, deterministic agent of a kind, with its knowledge loaded. */
    public static Agent agent(AgentKind kind) {
        return switch (kind) {
            case CONTEXT -> ContextAgent.load();
            case SME -> SmeAgent.load();
            case RESEARCH -> ResearchAgent.load();
        };
    }
}
