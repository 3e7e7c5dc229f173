package dev.gampplanner.agent.sme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.gampplanner.agent.sme.ComplianceChecker.Compliance;
import dev.gampplanner.agent.sme.knowledge.ControlsFile.Control;
import dev.gampplanner.agent.sme.knowledge.Dimension;
import dev.gampplanner.schema.ControlFramework;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.agent.sme.knowledge.SmeKnowledge;
import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.schema.GapScope;
import dev.gampplanner.schema.Recommendation;

/**
 * Turns the risks and gaps of one URS into recommendations, each naming the requirements or the
 * gaps it is about: one per HIGH-severity gap, one for the ALCOA+ gaps when there are several, one
 * per remaining severity of gaps, and one each for the high-risk requirements, custom or proprietary
 * logic, outputs nobody checks, and interfaces. They are numbered REC-01, REC-02 ... by priority,
 * then by the URS position of the first requirement they name (those naming none last), then title.
 */
final class Recommender {

    /** Requirements named in a rationale before the rest are only counted; requirementIds lists them all. */
    private static final int NAMED = 6;
    /** Severity from which a requirement creates or acts on GxP records (the level-4 and -5 severity factors). */
    private static final int GXP_SEVERITY = 4;
    /** How many of the riskiest GxP requirements a gap that applies to every system is pinned on. */
    private static final int GXP_EXAMPLES = 5;
    private static final int HARDEST_TO_DETECT = 5;
    private static final int MOST_LIKELY = 5;

    private final List<String> interfaceFactors;
    private final String interfaceChecksControl;

    Recommender(SmeKnowledge knowledge) {
        // Resolved through the knowledge so that renaming one of them there fails at start-up, not silently.
        this.interfaceFactors = List.of(knowledge.factor("interfaces-integration").id(),
            knowledge.factor("data-transfer-transformation").id());
        this.interfaceChecksControl = knowledge.control("A11-5").id();
    }

    List<Recommendation> recommend(GampCategory category, List<ScoredRequirement> risks, Compliance compliance) {
        Map<String, Integer> positions = new HashMap<>();
        risks.forEach(r -> positions.put(r.id(), r.position()));
        List<ScoredRequirement> gxp = risks.stream().filter(r -> r.severity() >= GXP_SEVERITY)
            .sorted(ScoredRequirement.RISKIEST_FIRST).limit(GXP_EXAMPLES).toList();

        List<Draft> drafts = new ArrayList<>();
        List<ControlCheck> gaps = compliance.gaps();
        List<ControlCheck> alcoa = gaps.stream().filter(g -> g.control().framework() == ControlFramework.ALCOA_PLUS).toList();
        boolean groupAlcoa = alcoa.size() > 1;
        if (groupAlcoa) {
            drafts.add(alcoa(alcoa, gxp));
        }
        List<ControlCheck> others = groupAlcoa ? gaps.stream().filter(g -> !alcoa.contains(g)).toList() : gaps;
        others.stream().filter(g -> g.control().severity() == RiskLevel.HIGH && g.control().gapScope() == GapScope.URS)
            .forEach(g -> drafts.add(gap(g, gxp)));
        procedural(others).ifPresent(drafts::add);
        others = others.stream().filter(g -> g.control().gapScope() == GapScope.URS).toList();
        groupedGaps(others, RiskLevel.MEDIUM).ifPresent(drafts::add);
        groupedGaps(others, RiskLevel.LOW).ifPresent(drafts::add);

        highRisk(risks).ifPresent(drafts::add);
        customLogic(category, risks).ifPresent(drafts::add);
        opaqueOutputs(risks).ifPresent(drafts::add);
        interfaces(risks, gaps).ifPresent(drafts::add);

        Comparator<Draft> order = Comparator.comparing(Draft::priority).reversed()
            .thenComparingInt(d -> d.requirementIds().isEmpty() ? Integer.MAX_VALUE : positions.get(d.requirementIds().get(0)))
            .thenComparing(Draft::title);
        List<Draft> sorted = drafts.stream()
            .map(d -> d.inUrsOrder(positions))
            .sorted(order)
            .toList();
        List<Recommendation> recommendations = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Draft draft = sorted.get(i);
            recommendations.add(Recommendation.newBuilder()
                .setId(String.format(Locale.ROOT, "REC-%02d", i + 1))
                .setPriorityLevel(draft.priority())
                .setTitle(draft.title())
                .setRationale(draft.rationale())
                .setRequirementIds(draft.requirementIds())
                .build());
        }
        return recommendations;
    }

    /** A HIGH-severity gap, pinned on the requirements that bring the control into scope, else on the riskiest GxP ones. */
    private static Draft gap(ControlCheck gap, List<ScoredRequirement> gxp) {
        Control control = gap.control();
        String opening = "No requirement asks for " + control.reference() + " (" + lowerFirst(control.title()) + ")";
        String why;
        List<String> concerned;
        if (!gap.triggeredBy().isEmpty()) {
            concerned = gap.triggeredBy();
            why = ", yet " + Phrases.list(concerned, NAMED) + Phrases.verb(concerned.size(), " brings", " bring")
                + " it into scope. ";
        } else if (!gxp.isEmpty()) {
            concerned = ids(gxp);
            why = "; the GxP requirements with the highest risk, " + Phrases.list(concerned, NAMED)
                + ", create or act on records that need it. ";
        } else {
            concerned = List.of();
            why = ", which applies to every GxP computerised system. ";
        }
        return new Draft(RiskLevel.HIGH, "Add a requirement for " + lowerFirst(control.title()) + " (" + control.reference() + ")",
            opening + why + control.impact().strip(), concerned);
    }

    private static Draft alcoa(List<ControlCheck> alcoa, List<ScoredRequirement> gxp) {
        RiskLevel priority = alcoa.stream().map(g -> g.control().severity()).max(Comparator.naturalOrder()).orElseThrow();
        String attributes = Phrases.list(alcoa.stream().map(g -> g.control().reference()).toList(), Integer.MAX_VALUE);
        String holders = gxp.isEmpty()
            ? "no requirement has GxP severity, so confirm first whether the system holds GxP data"
            : "the GxP requirements with the highest risk, " + Phrases.list(ids(gxp), NAMED) + ", hold data that must meet them";
        return new Draft(priority, "State the ALCOA+ data integrity expectations explicitly",
            "No requirement asks for " + attributes + "; " + holders + ". Add a data integrity requirement that names each "
                + "attribute, and verify the attributes in OQ on records created by these requirements.",
            ids(gxp));
    }

    /** Controls that SOPs and the quality system meet are not URS defects: one recommendation names them and their owners. */
    private static Optional<Draft> procedural(List<ControlCheck> gaps) {
        List<ControlCheck> procedural = gaps.stream().filter(g -> g.control().gapScope() == GapScope.PROCEDURAL).toList();
        if (procedural.isEmpty()) {
            return Optional.empty();
        }
        RiskLevel priority = procedural.stream().map(g -> g.control().severity()).max(Comparator.naturalOrder()).orElseThrow();
        return Optional.of(new Draft(priority, "Confirm the procedures that meet the procedural controls",
            "The URS need not ask for " + Phrases.list(procedural.stream().map(g -> g.control().reference() + " ("
                + lowerFirst(g.control().title()) + ", owner: " + g.control().ownerRole() + ")").toList(), Integer.MAX_VALUE)
                + "; confirm before OQ that an approved SOP or quality-system record meets each, and reference it in the "
                + "validation plan.", List.of()));
    }

    private static Optional<Draft> groupedGaps(List<ControlCheck> gaps, RiskLevel severity) {
        List<ControlCheck> group = gaps.stream().filter(g -> g.control().severity() == severity).toList();
        if (group.isEmpty()) {
            return Optional.empty();
        }
        String word = severity.name().toLowerCase(Locale.ROOT);
        List<String> controls = group.stream()
            .map(g -> g.control().reference() + " (" + lowerFirst(g.control().title()) + ")").toList();
        return Optional.of(new Draft(severity, "Add requirements for the " + word + "-severity controls the URS is silent on",
            "No requirement asks for " + Phrases.list(controls, Integer.MAX_VALUE) + "; each is an applicable control an "
                + "inspector can cite, and its gap entry gives the impact and the wording to add.",
            List.of()));
    }

    private static Optional<Draft> highRisk(List<ScoredRequirement> risks) {
        List<ScoredRequirement> high = risks.stream().filter(r -> r.level() == RiskLevel.HIGH).toList();
        if (high.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Draft(RiskLevel.HIGH, "Script OQ tests with objective evidence for the high-risk requirements",
            Phrases.list(riskiestFirst(high).map(ScoredRequirement::withRpn).toList(), NAMED)
                + Phrases.verb(high.size(), " is", " are") + " HIGH risk; challenge " + Phrases.verb(high.size(), "it", "each")
                + " with a scripted OQ test with predefined acceptance criteria, boundary and negative cases, and objective "
                + "evidence such as screenshots, reports and audit trail extracts.",
            ids(high)));
    }

    private static Optional<Draft> customLogic(GampCategory category, List<ScoredRequirement> risks) {
        List<ScoredRequirement> custom = risks.stream().filter(r -> r.occurrence() >= MOST_LIKELY).toList();
        if (custom.isEmpty()) {
            return Optional.empty();
        }
        String named = Phrases.list(riskiestFirst(custom).map(r -> withDriver(r, Dimension.OCCURRENCE)).toList(), NAMED);
        String verify = "verify each algorithm in OQ against independently calculated expected results, including boundary "
            + "and invalid inputs.";
        boolean customCategory = category == GampCategory.CUSTOM;
        String rationale = customCategory
            ? "In this GAMP Category 5 system " + named + Phrases.verb(custom.size(), " relies", " rely")
                + " on custom or proprietary logic with no use history; require design specifications and code review for "
                + Phrases.verb(custom.size(), "it", "them") + ", and " + verify
            : named + Phrases.verb(custom.size(), " asks", " ask") + " for custom or proprietary logic although the system is "
                + "handled as GAMP " + category + "; confirm the category and the supplier's development evidence, and " + verify;
        RiskLevel priority = customCategory || anyHigh(custom) ? RiskLevel.HIGH : RiskLevel.MEDIUM;
        return Optional.of(new Draft(priority, "Verify custom and proprietary logic independently", rationale, ids(custom)));
    }

    private static Optional<Draft> opaqueOutputs(List<ScoredRequirement> risks) {
        List<ScoredRequirement> opaque = risks.stream().filter(r -> r.detectability() >= HARDEST_TO_DETECT).toList();
        if (opaque.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Draft(anyHigh(opaque) ? RiskLevel.HIGH : RiskLevel.MEDIUM,
            "Make algorithm and automated-decision outputs checkable",
            Phrases.list(riskiestFirst(opaque).map(r -> withDriver(r, Dimension.DETECTABILITY)).toList(), NAMED)
                + Phrases.verb(opaque.size(), " produces", " produce") + " outputs that look plausible when wrong and that no "
                + "review, alarm or reconciliation checks (detectability 5); add such a check to "
                + Phrases.verb(opaque.size(), "it and challenge it", "them and challenge them") + " in OQ with known-answer data sets.",
            ids(opaque)));
    }

    private Optional<Draft> interfaces(List<ScoredRequirement> risks, List<ControlCheck> gaps) {
        Predicate<ScoredRequirement> movesData = r -> interfaceFactors.stream().anyMatch(r::fired);
        List<ScoredRequirement> concerned = risks.stream().filter(movesData).toList();
        if (concerned.isEmpty()) {
            return Optional.empty();
        }
        boolean checksMissing = gaps.stream().anyMatch(g -> g.id().equals(interfaceChecksControl));
        String rationale = Phrases.list(riskiestFirst(concerned).map(ScoredRequirement::id).toList(), NAMED)
            + Phrases.verb(concerned.size(), " moves or transforms", " move or transform") + " data between systems, where "
            + "truncation, duplication or mis-mapping can pass unnoticed; verify each interface in OQ with record counts, a "
            + "field-by-field comparison of sent and received data, and rejection of malformed, duplicate and interrupted "
            + "transfers."
            + (checksMissing ? " No requirement asks for the built-in checks of EU GMP Annex 11 §5, so add them to "
                + Phrases.verb(concerned.size(), "this requirement.", "these requirements.") : "");
        RiskLevel priority = checksMissing || anyHigh(concerned) ? RiskLevel.HIGH : RiskLevel.MEDIUM;
        return Optional.of(new Draft(priority, "Verify data transfer across interfaces", rationale, ids(concerned)));
    }

    private static String withDriver(ScoredRequirement risk, Dimension dimension) {
        return risk.driver(dimension).map(driver -> risk.id() + " (" + driver + ")").orElse(risk.id());
    }

    /** Rationales name the riskiest requirements first, so the ones a truncated list leaves out matter least. */
    private static Stream<ScoredRequirement> riskiestFirst(List<ScoredRequirement> risks) {
        return risks.stream().sorted(ScoredRequirement.RISKIEST_FIRST);
    }

    private static boolean anyHigh(List<ScoredRequirement> risks) {
        return risks.stream().anyMatch(r -> r.level() == RiskLevel.HIGH);
    }

    private static List<String> ids(List<ScoredRequirement> risks) {
        return risks.stream().map(ScoredRequirement::id).toList();
    }

    /** "Secure audit trail" becomes "secure audit trail" for use mid-sentence; acronyms such as "ALCOA+" stay. */
    private static String lowerFirst(String title) {
        if (title.length() > 1 && Character.isUpperCase(title.charAt(0)) && Character.isLowerCase(title.charAt(1))) {
            return Character.toLowerCase(title.charAt(0)) + title.substring(1);
        }
        return title;
    }

    /** A recommendation before it is numbered. */
    private record Draft(RiskLevel priority, String title, String rationale, List<String> requirementIds) {

        Draft inUrsOrder(Map<String, Integer> positions) {
            return new Draft(priority, title, rationale,
                requirementIds.stream().sorted(Comparator.comparing(positions::get)).toList());
        }
    }
}
