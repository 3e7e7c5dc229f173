package dev.gampplanner.agent.sme.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.gampplanner.agent.sme.knowledge.ControlsFile.Control;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.CategoryAdjustment;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.Factor;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.Scoring;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.runtime.knowledge.KnowledgeResources;

/**
 * What the SME agent reasons from, read once from the class path and checked, so that a mistake in
 * the knowledge stops the service at start-up instead of skewing every assessment.
 *
 * @param version declared version plus a digest of every file's bytes, stamped on each result
 */
public record SmeKnowledge(String version, RiskFactorsFile risk, List<Control> controls, List<FailureModesFile.Mode> failureModes) {

    public static final String DECLARED_VERSION = "sme-kb-2026.11";
    static final String RISK_FACTORS = "knowledge/risk-factors.yaml";
    static final String CONTROLS = "knowledge/controls.yaml";
    static final String FAILURE_MODES = "knowledge/failure-modes.yaml";

    public SmeKnowledge {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(risk, "risk");
        controls = List.copyOf(controls);
        failureModes = List.copyOf(failureModes);
    }

    public static SmeKnowledge load() {
        return load(SmeKnowledge.class);
    }

    /**
     * Loads the knowledge files through {@code anchor}'s class loader.
     *
     * @throws IllegalStateException naming the file and entry that is missing, unreadable or inconsistent
     */
    public static SmeKnowledge load(Class<?> anchor) {
        KnowledgeResources files = KnowledgeResources.load(anchor, DECLARED_VERSION, List.of(RISK_FACTORS, CONTROLS, FAILURE_MODES));
        RiskFactorsFile risk = files.yaml(RISK_FACTORS, RiskFactorsFile.class);
        ControlsFile controls = files.yaml(CONTROLS, ControlsFile.class);
        FailureModesFile modes = files.yaml(FAILURE_MODES, FailureModesFile.class);
        List<String> problems = new ArrayList<>();
        checkRisk(risk, problems);
        checkControls(controls, problems);
        checkModes(modes, risk, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the SME knowledge is inconsistent: " + String.join("; ", problems));
        }
        return new SmeKnowledge(files.version(), risk, controls.controls(), modes.modes());
    }

    /** The factor with {@code id}; for code that names a factor, so a renamed factor fails at start-up. */
    public Factor factor(String id) {
        return risk.factors().stream().filter(f -> f.id().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalStateException(RISK_FACTORS + " has no factor " + id));
    }

    /** The control with {@code id}; for code that names a control, so a renamed control fails at start-up. */
    public Control control(String id) {
        return controls.stream().filter(c -> c.id().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalStateException(CONTROLS + " has no control " + id));
    }

    private static void checkRisk(RiskFactorsFile risk, List<String> problems) {
        if (risk.baseline() == null || risk.factors() == null || risk.categoryAdjustments() == null || risk.scoring() == null) {
            problems.add(RISK_FACTORS + " needs baseline, factors, categoryAdjustments and scoring");
            return;
        }
        for (Dimension dimension : Dimension.values()) {
            requireLevel(RISK_FACTORS + " baseline " + dimension.label(), risk.baseline().of(dimension), problems);
        }
        Set<String> ids = new HashSet<>();
        for (Factor factor : risk.factors()) {
            String where = RISK_FACTORS + " factor " + factor.id();
            if (factor.id() == null || !ids.add(factor.id())) {
                problems.add(where + ": missing or repeated id");
            }
            requireLevel(where, factor.level(), problems);
            requireTerms(where, factor.terms(), problems);
            requireText(where + " reason", factor.reason(), problems);
            try {
                if (factor.caps() && factor.axis() != Dimension.DETECTABILITY) {
                    problems.add(where + ": only detectability factors can lower (cap) their dimension");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        checkAdjustments(risk, ids, problems);
        checkScoring(risk.scoring(), problems);
    }

    private static void checkAdjustments(RiskFactorsFile risk, Set<String> factorIds, List<String> problems) {
        Set<Integer> adjusted = new HashSet<>();
        for (CategoryAdjustment adjustment : risk.categoryAdjustments()) {
            String where = RISK_FACTORS + " category adjustment " + adjustment.id();
            requireText(where + " id", adjustment.id(), problems);
            requireText(where + " reason", adjustment.reason(), problems);
            if (adjustment.categories() == null || adjustment.categories().isEmpty()) {
                problems.add(where + ": names no category");
            } else {
                for (Integer category : adjustment.categories()) {
                    if (category == null || GampCategory.of(category).isEmpty()) {
                        problems.add(where + ": " + category + " is not a GAMP category (" + GampCategory.validNumbers() + ")");
                    } else if (!adjusted.add(category)) {
                        problems.add(where + ": category " + category + " already has an adjustment");
                    }
                }
            }
            if ((adjustment.occurrenceBaseline() == null) == (adjustment.occurrenceCap() == null)) {
                problems.add(where + ": give exactly one of occurrenceBaseline and occurrenceCap");
            } else {
                requireLevel(where, adjustment.occurrenceBaseline() != null ? adjustment.occurrenceBaseline()
                    : adjustment.occurrenceCap(), problems);
            }
            if (adjustment.occurrenceBaseline() != null && !adjustment.exceptions().isEmpty()) {
                problems.add(where + ": exceptFactors only qualify an occurrenceCap");
            }
            for (String factor : adjustment.exceptions()) {
                if (!factorIds.contains(factor)) {
                    problems.add(where + ": exceptFactors names unknown factor " + factor);
                }
            }
        }
    }

    private static void checkScoring(Scoring scoring, List<String> problems) {
        String where = RISK_FACTORS + " scoring";
        if (scoring.mediumRpn() < 1 || scoring.highRpn() <= scoring.mediumRpn() || scoring.highRpn() > 125) {
            problems.add(where + ": needs 1 <= mediumRpn < highRpn <= 125");
        }
        requireLevel(where + " highSeverity", scoring.highSeverity(), problems);
        requireLevel(where + " highSeverityOccurrence", scoring.highSeverityOccurrence(), problems);
        if (scoring.overallHighPercent() < 1 || scoring.overallHighPercent() > 100
                || scoring.overallMediumPercent() < 1 || scoring.overallMediumPercent() > 100) {
            problems.add(where + ": overall percentages must lie in 1..100");
        }
    }

    private static void checkControls(ControlsFile file, List<String> problems) {
        if (file.controls() == null || file.controls().isEmpty()) {
            problems.add(CONTROLS + " lists no control");
            return;
        }
        Set<String> ids = new HashSet<>();
        for (Control control : file.controls()) {
            String where = CONTROLS + " control " + control.id();
            if (control.id() == null || !ids.add(control.id())) {
                problems.add(where + ": missing or repeated id");
            }
            if (control.framework() == null || control.severity() == null) {
                problems.add(where + ": needs framework and severity");
            }
            requireText(where + " reference", control.reference(), problems);
            requireText(where + " title", control.title(), problems);
            requireText(where + " impact", control.impact(), problems);
            requireText(where + " recommendation", control.recommendation(), problems);
            requireTerms(where + " evidence", control.evidence(), problems);
            if (control.appliesWhen() == null) {
                problems.add(where + ": appliesWhen must be a list (empty = applies to every system)");
            } else if (!control.appliesWhen().isEmpty()) {
                requireTerms(where + " appliesWhen", control.appliesWhen(), problems);
            }
        }
    }

    private static void checkModes(FailureModesFile file, RiskFactorsFile risk, List<String> problems) {
        if (file.modes() == null || file.modes().isEmpty()) {
            problems.add(FAILURE_MODES + " lists no failure mode");
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> factors = new HashSet<>();
        if (risk.factors() != null) {
            risk.factors().stream().filter(Factor::caps).forEach(f -> factors.add(f.id()));
        }
        for (FailureModesFile.Mode mode : file.modes()) {
            String where = FAILURE_MODES + " mode " + mode.id();
            if (mode.id() == null || !ids.add(mode.id())) {
                problems.add(where + ": missing or repeated id");
            }
            requireLevel(where, mode.severity(), problems);
            if (mode.detectability() != null) {
                requireLevel(where + " detectability", mode.detectability(), problems);
            }
            requireTerms(where, mode.terms(), problems);
            requireText(where + " failureMode", mode.failureMode(), problems);
            requireText(where + " effect", mode.effect(), problems);
            requireText(where + " cause", mode.cause(), problems);
            if (mode.controlsUnderTest() == null) {
                problems.add(where + ": controlsUnderTest must be a list");
            } else {
                mode.controlsUnderTest().stream().filter(f -> !factors.contains(f))
                    .forEach(f -> problems.add(where + ": controlsUnderTest names " + f + ", which is no lowering factor"));
            }
        }
    }

    private static void requireLevel(String where, int level, List<String> problems) {
        if (level < 1 || level > 5) {
            problems.add(where + ": level " + level + " is outside 1..5");
        }
    }

    private static void requireText(String where, String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add(where + " is missing");
        }
    }

    /** Terms are matched against lower-cased text, so an upper-case letter would make a term that never matches. */
    private static void requireTerms(String where, List<String> terms, List<String> problems) {
        if (terms == null || terms.isEmpty()) {
            problems.add(where + ": no terms");
            return;
        }
        for (String term : terms) {
            if (term == null || term.isBlank()) {
                problems.add(where + ": a blank term");
            } else if (!term.equals(term.toLowerCase(Locale.ROOT))) {
                problems.add(where + ": term '" + term + "' must be written in lower case");
            }
        }
    }
}
