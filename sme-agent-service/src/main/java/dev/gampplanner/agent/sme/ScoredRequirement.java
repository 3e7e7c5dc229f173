package dev.gampplanner.agent.sme;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.agent.sme.knowledge.Dimension;
import dev.gampplanner.agent.sme.knowledge.FailureModesFile.Mode;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.schema.RiskFactorHit;

/**
 * The FMEA risk of one requirement.
 *
 * @param position the requirement's 0-based place in the URS, which orders everything listed per requirement
 * @param mode how the requirement's function fails, and with what effect
 * @param factors every factor and category adjustment that fired, by dimension, then highest level, then id
 */
record ScoredRequirement(UrsRequirement requirement, int position, int severity, int occurrence, int detectability,
                         RiskLevel level, List<RiskFactorHit> factors, String rationale, Mode mode) {

    /** Highest RPN first, then highest severity, then by id. */
    static final Comparator<ScoredRequirement> RISKIEST_FIRST = Comparator
        .comparingInt(ScoredRequirement::rpn).reversed()
        .thenComparing(Comparator.comparingInt(ScoredRequirement::severity).reversed())
        .thenComparing(ScoredRequirement::id, IdOrder.NATURAL);

    ScoredRequirement {
        factors = List.copyOf(factors);
    }

    String id() {
        return requirement.id();
    }

    int rpn() {
        return severity * occurrence * detectability;
    }

    int value(Dimension dimension) {
        return switch (dimension) {
            case SEVERITY -> severity;
            case OCCURRENCE -> occurrence;
            case DETECTABILITY -> detectability;
        };
    }

    boolean fired(String factorId) {
        return factors.stream().anyMatch(hit -> hit.getFactorId().equals(factorId));
    }

    /** The factor that set {@code dimension} to its final value, as words, e.g. "custom development". */
    Optional<String> driver(Dimension dimension) {
        return factors.stream()
            .filter(hit -> hit.getDimension().equals(dimension.label()) && hit.getLevel() == value(dimension))
            .map(hit -> Phrases.title(hit.getFactorId()))
            .findFirst();
    }

    /** "URS-BRS-001 (RPN 125)". */
    String withRpn() {
        return id() + " (RPN " + rpn() + ")";
    }
}
