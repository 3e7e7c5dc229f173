package dev.gampplanner.planner;

import java.util.List;

import dev.gampplanner.planner.category.CategorizationRules;
import dev.gampplanner.planner.strategy.StrategyCatalog;
import dev.gampplanner.runtime.knowledge.KnowledgeResources;

/** What the planner knows: how to categorise a URS and the strategy for each category. Loaded once. */
public record PlannerKnowledge(String version, CategorizationRules categorization, StrategyCatalog strategies) {

    public static final String PLANNER_VERSION = "planner-0.1.0";

    public static PlannerKnowledge load() {
        KnowledgeResources files = KnowledgeResources.load(PlannerKnowledge.class, "planner-kb-2026.11",
            List.of("knowledge/categorization.yaml", "knowledge/strategies.yaml"));
        return new PlannerKnowledge(files.version(),
            files.yaml("knowledge/categorization.yaml", CategorizationRules.class),
            files.yaml("knowledge/strategies.yaml", StrategyCatalog.class));
    }

    /** Stamped on every PlanOpened and MergedPlan. */
    public String stamp() {
        return PLANNER_VERSION + "/" + version;
    }
}
