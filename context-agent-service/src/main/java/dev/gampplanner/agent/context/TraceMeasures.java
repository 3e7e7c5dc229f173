package dev.gampplanner.agent.context;

import java.util.List;

import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.RequirementClauses;

/**
 * How well the URS could be traced, from the traces themselves.
 *
 * @param coverage share of requirements traced to at least one clause (the others fell below the relevance floor)
 * @param retrievalQuality mean score of the best clause of each traced requirement, 0 when none is traced; with
 *     reciprocal-rank fusion it is highest where both legs put the same passage first
 * @param confidence mean of coverage and quality, discounted by how cleanly the URS parsed
 */
record TraceMeasures(double coverage, double retrievalQuality, double confidence) {

    /**
     * A requirement located by a "shall" sentence instead of an identifier may have been cut in the
     * wrong place, so a URS made only of those loses at most half of its confidence.
     */
    private static final double DERIVED_ID_PENALTY = 0.5;

    static TraceMeasures of(UrsDocument urs, List<RequirementClauses> traces) {
        int requirements = traces.size();
        List<Double> bestScores = traces.stream()
            .filter(trace -> !trace.getClauses().isEmpty())
            .map(trace -> trace.getClauses().stream().mapToDouble(ClauseMatch::getScore).max().orElseThrow())
            .toList();
        double coverage = (double) bestScores.size() / requirements;
        double quality = bestScores.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double derivedShare = (double) urs.requirements().stream().filter(UrsRequirement::derivedId).count() / requirements;
        // Each parser warning (a duplicate id, a fallback) is a requirement the URS may have lost or blurred.
        double cleanliness = (1 - DERIVED_ID_PENALTY * derivedShare) / (1 + (double) urs.warnings().size() / requirements);
        return new TraceMeasures(round(coverage), round(quality), round(cleanliness * (coverage + quality) / 2));
    }

    /** Four decimals: enough for a reader, and no float noise in the encoded payload. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
