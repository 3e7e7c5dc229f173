package dev.gampplanner.agent.sme.knowledge;

import java.util.List;
import java.util.Optional;

import dev.gampplanner.schema.RiskLevel;

/**
 * {@code knowledge/risk-factors.yaml} as written. Every field the file uses is bound, because unknown
 * fields are refused; {@link SmeKnowledge#load()} checks the values before the agent uses them.
 */
public record RiskFactorsFile(String version, Baseline baseline, List<Factor> factors,
                              List<CategoryAdjustment> categoryAdjustments, Scoring scoring) {

    /** The level of each dimension when no factor of that dimension fires. */
    public record Baseline(int severity, int occurrence, int detectability) {

        public int of(Dimension dimension) {
            return switch (dimension) {
                case SEVERITY -> severity;
                case OCCURRENCE -> occurrence;
                case DETECTABILITY -> detectability;
            };
        }
    }

    /**
     * A risk factor: when a requirement contains any of {@code terms}, it sets {@code dimension} to
     * {@code level} (the highest firing level wins), or with {@code lowers} caps detectability at it.
     */
    public record Factor(String id, String dimension, int level, List<String> terms, String reason, Boolean lowers) {

        public Dimension axis() {
            return Dimension.of(dimension);
        }

        /** Whether the factor caps detectability instead of raising its dimension. */
        public boolean caps() {
            return Boolean.TRUE.equals(lowers);
        }
    }

    /**
     * How the GAMP category of the system moves occurrence: either a different starting point for
     * requirements no occurrence factor fires on, or a cap that {@code exceptFactors} escape.
     */
    public record CategoryAdjustment(String id, List<Integer> categories, Integer occurrenceBaseline, Integer occurrenceCap,
                                     List<String> exceptFactors, String reason) {

        public List<String> exceptions() {
            return exceptFactors == null ? List.of() : exceptFactors;
        }
    }

    /** Thresholds from RPN and severity to a requirement's level, and from the levels to the overall risk. */
    public record Scoring(int highRpn, int highSeverity, int highSeverityOccurrence, int mediumRpn,
                          int overallHighPercent, int overallMediumPercent) {

        public RiskLevel level(int severity, int occurrence, int detectability) {
            int rpn = severity * occurrence * detectability;
            if (rpn >= highRpn || severityRuleMakesHigh(severity, occurrence)) {
                return RiskLevel.HIGH;
            }
            return rpn >= mediumRpn ? RiskLevel.MEDIUM : RiskLevel.LOW;
        }

        public boolean severityRuleMakesHigh(int severity, int occurrence) {
            return severity >= highSeverity && occurrence >= highSeverityOccurrence;
        }
    }

    /** The adjustment for a GAMP category, if the file defines one. */
    public Optional<CategoryAdjustment> adjustmentFor(int category) {
        return categoryAdjustments.stream().filter(a -> a.categories().contains(category)).findFirst();
    }
}
