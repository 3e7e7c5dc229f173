package dev.gampplanner.planner.category;

import java.util.List;

/** The categorization knowledge ({@code knowledge/categorization.yaml}), as written. */
public record CategorizationRules(String version, List<Signal> signals, List<Reinterpretation> reinterpretations, Review review) {

    /**
     * A phrase pattern that argues for a category.
     *
     * @param scope {@code any}, {@code system-description} (title, metadata, introduction) or {@code title} (title and system type)
     */
    public record Signal(String id, int category, String label, String pattern, double weight, String scope) {
    }

    /** Moves a block's evidence from one category to another when the block's wording says so. */
    public record Reinterpretation(String id, String description, String when, String unless, int fromCategory, int toCategory) {
    }

    public record Review(double minimumConfidence, double minimumMargin) {
    }
}
