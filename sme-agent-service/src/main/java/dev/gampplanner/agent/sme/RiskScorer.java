package dev.gampplanner.agent.sme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.gampplanner.agent.sme.knowledge.Dimension;
import dev.gampplanner.agent.sme.knowledge.FailureModesFile.Mode;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.CategoryAdjustment;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.Factor;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.schema.RiskFactorHit;

/**
 * Rates one requirement in the FMEA style of ICH Q9(R1), from its full text (text and detail lines).
 *
 * <p>Per dimension the highest level among the raising factors that fire wins, the baseline when none
 * fires. The GAMP category then moves occurrence as {@code categoryAdjustments} says, and factors
 * marked {@code lowers} cap detectability last, because a review, alarm or reconciliation makes even
 * an opaque output noticeable, except the control the requirement itself asks for: an alarm does not
 * make the failure of that alarm detectable. Severity is never below the severity of the effect of
 * the requirement's failure mode.
 */
final class RiskScorer {

    /** At most this many factors are named per dimension in a rationale; the hits list keeps them all. */
    private static final int NAMED_PER_DIMENSION = 3;

    private static final Comparator<RiskFactorHit> HIT_ORDER = Comparator
        .comparing((RiskFactorHit hit) -> Dimension.of(hit.getDimension()))
        .thenComparing(Comparator.comparingInt(RiskFactorHit::getLevel).reversed())
        .thenComparing(RiskFactorHit::getFactorId);

    /** A detail line of at most this many words (its parenthesis aside) names a field, not a function. */
    private static final int FIELD_NAME_WORDS = 4;

    private final RiskFactorsFile model;
    private final FailureModes modes;

    RiskScorer(RiskFactorsFile model, FailureModes modes) {
        this.model = model;
        this.modes = modes;
    }

    ScoredRequirement score(UrsRequirement requirement, int position, GampCategory category, SystemKind kind) {
        MatchText text = MatchText.of(kind.inSense(requirement.fullText()));
        // Severity is read from what the requirement does, not from the names of the fields it lists:
        // a "Manufacturing date" field does not make sample login a process control function.
        MatchText function = MatchText.of(kind.inSense(requirement.text() + " " + String.join(" ", requirement.details().stream()
            .filter(d -> d.replaceAll("\\(.*?\\)", " ").strip().split("\\s+").length > FIELD_NAME_WORDS).toList())));
        Mode mode = modes.of(text);
        List<Fired> fired = new ArrayList<>();
        for (Factor factor : model.factors()) {
            MatchText source = factor.axis() == Dimension.SEVERITY ? function : text;
            source.firstMatch(factor.terms()).ifPresent(words -> fired.add(new Fired(factor, words)));
        }
        List<RiskFactorHit> hits = new ArrayList<>();
        for (Fired f : fired) {
            hits.add(hit(f.factor().id(), f.factor().axis(), f.factor().level(), f.words(), f.factor().reason()));
        }

        Score severity = fromEffect(raised(fired, Dimension.SEVERITY), mode);
        Score occurrence = raised(fired, Dimension.OCCURRENCE);
        Optional<CategoryAdjustment> adjustment = model.adjustmentFor(category.number());
        if (adjustment.isPresent()) {
            occurrence = adjusted(occurrence, adjustment.get(), fired, category, hits);
        }
        Score detectability = silentFailure(capped(raised(fired, Dimension.DETECTABILITY), fired.stream()
            .filter(f -> !mode.controlsUnderTest().contains(f.factor().id())).toList()), mode);
        hits.sort(HIT_ORDER);

        RiskLevel level = model.scoring().level(severity.value(), occurrence.value(), detectability.value());
        String rationale = "Severity " + severity.value() + ": " + severity.because()
            + "; occurrence " + occurrence.value() + ": " + occurrence.because()
            + "; detectability " + detectability.value() + ": " + detectability.because()
            + ". " + levelReason(severity.value(), occurrence.value(), detectability.value(), level) + ".";
        return new ScoredRequirement(requirement, position, severity.value(), occurrence.value(), detectability.value(),
            level, hits, rationale, mode);
    }

    /** The effect of the failure mode sets the floor; a factor of the requirement's function can raise it further. */
    private static Score fromEffect(Score factors, Mode mode) {
        String effect = "effect \"" + lowerFirst(mode.effect()) + "\"";
        if (factors.value() > mode.severity()) {
            return new Score(factors.value(), factors.because() + " (" + effect + " alone rates " + mode.severity() + ")");
        }
        boolean tie = factors.value() == mode.severity() && !factors.because().startsWith("baseline");
        return new Score(mode.severity(), tie ? effect + "; " + factors.because() : effect);
    }

    /** A failed alarm, audit trail or backup tells nobody: the mode's least detectability applies. */
    private static Score silentFailure(Score detectability, Mode mode) {
        if (mode.detectability() == null || detectability.value() >= mode.detectability()) {
            return detectability;
        }
        return new Score(mode.detectability(), "a failure of " + Phrases.title(mode.id()) + " itself announces itself to nobody ("
            + "failure mode \"" + lowerFirst(mode.failureMode()) + "\")");
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private Score raised(List<Fired> fired, Dimension dimension) {
        List<Fired> raising = fired.stream().filter(f -> f.factor().axis() == dimension && !f.factor().caps()).toList();
        if (raising.isEmpty()) {
            return new Score(model.baseline().of(dimension), "baseline, no " + dimension.label() + " factor raised it");
        }
        int level = raising.stream().mapToInt(f -> f.factor().level()).max().orElseThrow();
        return new Score(level, describe(raising.stream().filter(f -> f.factor().level() == level).toList()));
    }

    /** Applies the category's rule to occurrence and records it as a hit, but only where it changes something. */
    private static Score adjusted(Score occurrence, CategoryAdjustment adjustment, List<Fired> fired, GampCategory category,
                                  List<RiskFactorHit> hits) {
        String categoryName = "GAMP Category " + category.number();
        boolean noOccurrenceFactor = fired.stream().noneMatch(f -> f.factor().axis() == Dimension.OCCURRENCE);
        if (adjustment.occurrenceBaseline() != null && noOccurrenceFactor) {
            int level = adjustment.occurrenceBaseline();
            hits.add(hit(adjustment.id(), Dimension.OCCURRENCE, level, categoryName, adjustment.reason()));
            return new Score(level, "no occurrence factor raised it, and " + categoryName + " starts such a requirement at "
                + level);
        }
        boolean excepted = fired.stream().anyMatch(f -> adjustment.exceptions().contains(f.factor().id()));
        if (adjustment.occurrenceCap() != null && occurrence.value() > adjustment.occurrenceCap() && !excepted) {
            int cap = adjustment.occurrenceCap();
            hits.add(hit(adjustment.id(), Dimension.OCCURRENCE, cap, categoryName, adjustment.reason()));
            return new Score(cap, "capped by " + categoryName + " (vendor-standard functions), raised to "
                + occurrence.value() + " by " + occurrence.because());
        }
        return occurrence;
    }

    private static Score capped(Score detectability, List<Fired> fired) {
        List<Fired> lowering = fired.stream().filter(f -> f.factor().caps()).toList();
        if (lowering.isEmpty()) {
            return detectability;
        }
        int cap = lowering.stream().mapToInt(f -> f.factor().level()).min().orElseThrow();
        String cappers = describe(lowering.stream().filter(f -> f.factor().level() == cap).toList());
        if (detectability.value() <= cap) {
            return new Score(detectability.value(), detectability.because() + ", and " + cappers + " caps it at " + cap);
        }
        return new Score(cap, "capped by " + cappers + ", raised to " + detectability.value() + " by " + detectability.because());
    }

    private String levelReason(int severity, int occurrence, int detectability, RiskLevel level) {
        RiskFactorsFile.Scoring scoring = model.scoring();
        int rpn = severity * occurrence * detectability;
        String product = "RPN " + severity + "\u00d7" + occurrence + "\u00d7" + detectability + " = " + rpn + ": " + level;
        if (level == RiskLevel.HIGH) {
            return product + (rpn >= scoring.highRpn() ? " (RPN \u2265 " + scoring.highRpn() + ")"
                : " (severity " + severity + " with occurrence \u2265 " + scoring.highSeverityOccurrence() + ")");
        }
        return product + (level == RiskLevel.MEDIUM ? " (RPN \u2265 " : " (RPN < ") + scoring.mediumRpn() + ")";
    }

    /** "custom development (\"custom api\") and proprietary algorithm (\"proprietary\")". */
    private static String describe(List<Fired> deciding) {
        return Phrases.list(deciding.stream().map(f -> Phrases.title(f.factor().id()) + " (\"" + f.words() + "\")").toList(),
            NAMED_PER_DIMENSION);
    }

    private static RiskFactorHit hit(String id, Dimension dimension, int level, String term, String reason) {
        return RiskFactorHit.newBuilder()
            .setFactorId(id)
            .setDimension(dimension.label())
            .setLevel(level)
            .setTerm(term)
            .setReason(reason.strip())
            .build();
    }

    private record Fired(Factor factor, String words) {
    }

    /** A dimension's value and the words that explain it. */
    private record Score(int value, String because) {
    }
}
