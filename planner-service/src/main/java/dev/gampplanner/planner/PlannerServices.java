package dev.gampplanner.planner;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.gampplanner.planner.aggregate.AggregatorTopology;
import dev.gampplanner.planner.aggregate.PlanAssembler;
import dev.gampplanner.planner.intake.Intake;
import dev.gampplanner.planner.intake.IntakeTopology;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.lifecycle.ManagedService;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.streams.StreamsService;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.runtime.topics.TopicCatalog;

/** The planner service: the intake and aggregator Kafka Streams applications. */
public final class PlannerServices {

    public static final String INTAKE = TopicCatalog.PLANNER_APPLICATION_PREFIX + "intake";
    public static final String AGGREGATOR = TopicCatalog.PLANNER_APPLICATION_PREFIX + "aggregator";

    private PlannerServices() {
    }

    /** @param backlog shared with the aggregator of the same process, if it runs there */
    public static Function<Observability, ManagedService> intake(GampConfig config, PlannerKnowledge knowledge, PlanBacklog backlog) {
        Intake intake = new Intake(knowledge, config.defaultDeadline(), config.maxDeadline(), config.ursLimits());
        return observability -> {
            backlog.bindTo(observability.registry());
            return new StreamsService(INTAKE, config,
                IntakeTopology.build(config, intake, new PlannerMetrics(observability.registry()), backlog), observability,
                Map.of(), plannerTopics(config));
        };
    }

    /** @param backlog shared with the intake of the same process, if it runs there */
    public static Function<Observability, ManagedService> aggregator(GampConfig config, PlannerKnowledge knowledge,
                                                                    PlanBacklog backlog) {
        return observability -> {
            backlog.bindTo(observability.registry());
            return new StreamsService(AGGREGATOR, config,
                AggregatorTopology.build(config.topics(), AggregatorTopology.Settings.from(config),
                    new PlanAssembler(knowledge.stamp()), Clock.systemUTC(), new PlannerMetrics(observability.registry()), backlog),
                observability, Map.of(), plannerTopics(config));
        };
    }

    private static List<String> plannerTopics(GampConfig config) {
        return new TopicAccess(config.topics()).topicsOf(Role.PLANNER);
    }

    /** Both applications, aggregator first so it is ready before the first plan opens. */
    public static List<Function<Observability, ManagedService>> all(GampConfig config, PlannerKnowledge knowledge) {
        PlanBacklog backlog = new PlanBacklog();
        return List.of(aggregator(config, knowledge, backlog), intake(config, knowledge, backlog));
    }
}
