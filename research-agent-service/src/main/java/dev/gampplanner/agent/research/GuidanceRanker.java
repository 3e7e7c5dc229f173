package dev.gampplanner.agent.research;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gampplanner.schema.GuidanceStatus;

/**
 * Scores every guidance item against a {@link UrsProfile} and keeps the ones worth a planner's time.
 *
 * <p>An item is considered only when it applies to the system's GAMP category and, if its title
 * names a topic (AI, clinical trials, serialization), when the URS shows that topic; an item written
 * for particular system types also needs one of them, unless its topic brought it in. Its fit blends
 * system-type fit, requirement-kind overlap and category fit (whether it speaks to what the
 * category's validation turns on), plus a bonus when a requirement cites it by name; jurisdiction
 * breadth and status scale the result. Stateless.
 */
final class GuidanceRanker {

    static final int MIN_ITEMS = 5;
    static final int MAX_ITEMS = 12;
    /** Below this share of the best item's score an item adds reading, not insight (once MIN_ITEMS are kept). */
    static final double MIN_SHARE_OF_BEST = 0.5;

    // Requirement kinds weigh most: what the system must do decides which clauses get tested; the
    // type mostly confirms the guidance was written with such systems in mind.
    private static final double SYSTEM_WEIGHT = 0.25;
    private static final double KIND_WEIGHT = 0.55;
    private static final double CATEGORY_WEIGHT = 0.2;
    /** A requirement naming the document settles that it applies, whatever the other signals say. */
    private static final double CITATION_BONUS = 0.2;
    /** Guidance for every GxP system still applies, but less pointedly than guidance naming this type. */
    private static final double ANY_SYSTEM_FIT = 0.5;
    /** A draft is where expectations are heading, not yet what inspectors check against. */
    private static final double DRAFT_FACTOR = 0.85;
    /** A superseded item matters only for tracing older records, so it always ranks well below its successor. */
    private static final double SUPERSEDED_FACTOR = 0.5;

    private final ResearchKnowledge knowledge;

    GuidanceRanker(ResearchKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * Why an item fits this URS.
     *
     * @param systemTypes the detected system types the item names, strongest first
     * @param kinds the requirement kinds the item and the URS share: its topics first, then most requirements first
     * @param focus the kinds the system's category turns on that the item covers
     * @param citation the requirements that cite the item by name
     * @param jurisdiction the URS's citation of the item's jurisdiction
     * @param topics the topics of the item the URS shows
     */
    record Fit(GuidanceCatalog.Item item, List<UrsProfile.SystemTypeMatch> systemTypes, List<UrsProfile.KindMatch> kinds,
               List<String> focus, Optional<UrsProfile.Citation> citation, Optional<UrsProfile.JurisdictionMatch> jurisdiction,
               List<String> topics, double score) {

        Fit withScore(double newScore) {
            return new Fit(item, systemTypes, kinds, focus, citation, jurisdiction, topics, newScore);
        }
    }

    /** @param relevance 0..1, relative to the best item for the URS, rounded to 4 decimals */
    record Ranked(Fit fit, double relevance) {

        GuidanceCatalog.Item item() {
            return fit.item();
        }
    }

    /** The items to report, most relevant first; newest first among equal relevance, then by id. */
    List<Ranked> rank(UrsProfile profile) {
        Map<String, Optional<Fit>> fits = new HashMap<>();
        for (GuidanceCatalog.Item item : knowledge.items()) {
            fitOf(item, profile, fits);
        }
        List<Fit> candidates = new ArrayList<>();
        for (GuidanceCatalog.Item item : knowledge.items()) {
            fits.get(item.id()).ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        candidates.sort(Comparator.comparingDouble((Fit f) -> -f.score()).thenComparing(GuidanceRanker::newestFirst));
        double best = candidates.get(0).score();
        List<Ranked> selected = new ArrayList<>();
        Set<String> selectedIds = new HashSet<>();
        // The items every plan cites take their places first; the rest go by relevance.
        candidates.stream().filter(f -> f.item().always()).forEach(fit -> {
            selected.add(new Ranked(fit, round(fit.score() / best)));
            selectedIds.add(fit.item().id());
        });
        for (Fit fit : candidates) {
            if (selected.size() == MAX_ITEMS || (selected.size() >= MIN_ITEMS && fit.score() < MIN_SHARE_OF_BEST * best)) {
                break;
            }
            // A withdrawn or superseded text is never cited as current guidance; its successor is.
            if (fit.item().status() == GuidanceStatus.SUPERSEDED || !selectedIds.add(fit.item().id())) {
                continue;
            }
            selected.add(new Ranked(fit, round(fit.score() / best)));
        }
        selected.sort(Comparator.comparingDouble((Ranked r) -> -r.relevance())
            .thenComparing(Ranked::fit, GuidanceRanker::newestFirst));
        return List.copyOf(selected);
    }

    private static int newestFirst(Fit a, Fit b) {
        int byDate = b.item().published().compareTo(a.item().published());
        return byDate != 0 ? byDate : a.item().id().compareTo(b.item().id());
    }

    /** Memoised because a superseded item's score is bounded by its successor's. */
    private Optional<Fit> fitOf(GuidanceCatalog.Item item, UrsProfile profile, Map<String, Optional<Fit>> fits) {
        Optional<Fit> known = fits.get(item.id());
        if (known != null) {
            return known;
        }
        Optional<Fit> fit = ownFit(item, profile);
        if (fit.isPresent() && item.supersededBy() != null) {
            Optional<Fit> successor = fitOf(knowledge.item(item.supersededBy()), profile, fits);
            Fit own = fit.get();
            fit = successor.map(s -> own.withScore(SUPERSEDED_FACTOR * Math.min(own.score(), s.score())));
        }
        fits.put(item.id(), fit);
        return fit;
    }

    private Optional<Fit> ownFit(GuidanceCatalog.Item item, UrsProfile profile) {
        GuidanceCatalog.AppliesTo appliesTo = item.appliesTo();
        if (!appliesTo.categories().contains(profile.category().number())) {
            return Optional.empty();
        }
        List<String> topics = knowledge.topicsOf(item).stream()
            .filter(t -> profile.requirementKind(t).isPresent() || profile.systemType(t).isPresent())
            .toList();
        if (!knowledge.topicsOf(item).isEmpty() && topics.isEmpty()) {
            return Optional.empty();
        }
        List<UrsProfile.SystemTypeMatch> types = profile.systemTypes().stream()
            .filter(t -> appliesTo.systemTypes().contains(t.tag()))
            .toList();
        if (types.isEmpty() && !item.appliesToAnySystem() && topics.isEmpty()) {
            return Optional.empty();
        }
        double systemFit = types.isEmpty() ? (item.appliesToAnySystem() ? ANY_SYSTEM_FIT : 0.0) : weight(types.get(0).evidence());
        // The topic that let the item in is its reason for being here, however few requirements show it.
        List<UrsProfile.KindMatch> kinds = profile.requirementKinds().stream()
            .filter(k -> appliesTo.requirementKinds().contains(k.tag()))
            .sorted(Comparator.comparing((UrsProfile.KindMatch k) -> !topics.contains(k.tag())))
            .toList();
        double kindFit = kindFit(kinds, appliesTo.requirementKinds().size(), profile.requirementKinds());
        List<String> focus = knowledge.vocabulary().focusOf(profile.category().number()).stream()
            .filter(appliesTo.requirementKinds()::contains)
            .toList();
        Optional<UrsProfile.Citation> citation = profile.citation(item.id());
        Optional<UrsProfile.JurisdictionMatch> jurisdiction = profile.jurisdiction(item.jurisdiction());
        double breadth = jurisdiction.isPresent() ? 1.0 : knowledge.vocabulary().jurisdictions().get(item.jurisdiction()).breadth();
        double status = item.status() == GuidanceStatus.DRAFT ? DRAFT_FACTOR : 1.0;
        double fit = SYSTEM_WEIGHT * systemFit + KIND_WEIGHT * kindFit + (focus.isEmpty() ? 0.0 : CATEGORY_WEIGHT)
            + (citation.isPresent() ? CITATION_BONUS : 0.0);
        double score = fit * breadth * status;
        return score > 0 ? Optional.of(new Fit(item, types, kinds, focus, citation, jurisdiction, topics, score)) : Optional.empty();
    }

    private static double weight(UrsProfile.Evidence evidence) {
        return switch (evidence) {
            case NAMED -> 1.0;
            case DESCRIBED -> 0.8;
            case REQUIREMENTS -> 0.6;
        };
    }

    /**
     * Cosine between the item's kinds (each 1) and the URS's kinds, each weighted ln(1 + requirements
     * showing it): a kind asked for by many requirements counts more, with diminishing returns, and an
     * item that lists every kind does not win by breadth alone.
     */
    private static double kindFit(List<UrsProfile.KindMatch> shared, int itemKinds, List<UrsProfile.KindMatch> all) {
        if (shared.isEmpty()) {
            return 0.0;
        }
        double norm = Math.sqrt(all.stream().mapToDouble(k -> Math.pow(kindWeight(k), 2)).sum());
        double dot = shared.stream().mapToDouble(GuidanceRanker::kindWeight).sum();
        return dot / (Math.sqrt(itemKinds) * norm);
    }

    static double kindWeight(UrsProfile.KindMatch kind) {
        return Math.log1p(kind.count());
    }

    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
