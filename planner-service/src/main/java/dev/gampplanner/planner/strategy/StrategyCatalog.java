package dev.gampplanner.planner.strategy;

import java.util.List;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.schema.TestStrategy;

/** The qualification strategy of each GAMP category ({@code knowledge/strategies.yaml}). */
public record StrategyCatalog(String version, List<Strategy> strategies) {

    public StrategyCatalog {
        strategies = List.copyOf(strategies);
        for (GampCategory category : GampCategory.values()) {
            long defined = strategies.stream().filter(s -> s.category() == category.number()).count();
            if (defined != 1) {
                throw new IllegalStateException("strategies.yaml must define exactly one strategy for Category "
                    + category.number() + ", found " + defined);
            }
        }
        for (Strategy strategy : strategies) {
            if (strategy.oqTestsMin() < 1 || strategy.oqTestsMax() < strategy.oqTestsMin()) {
                throw new IllegalStateException("Category " + strategy.category() + " has an empty OQ test range");
            }
        }
    }

    /** One category's strategy, as written in the knowledge file. */
    public record Strategy(int category, String name, int oqTestsMin, int oqTestsMax, List<String> testTypes, String rigor,
                           List<String> reviews, List<String> deliverables, List<String> qualityGates) {
    }

    public TestStrategy forCategory(GampCategory category) {
        Strategy strategy = strategies.stream().filter(s -> s.category() == category.number()).findFirst().orElseThrow();
        return TestStrategy.newBuilder()
            .setCategory(strategy.category())
            .setName(strategy.name())
            .setOqTestsMin(strategy.oqTestsMin())
            .setOqTestsMax(strategy.oqTestsMax())
            .setTestTypes(strategy.testTypes())
            .setRigor(strategy.rigor())
            .setReviews(strategy.reviews())
            .setDeliverables(strategy.deliverables())
            .setQualityGates(strategy.qualityGates())
            .build();
    }
}
