package dev.gampplanner.agent.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.gampplanner.domain.text.TermMatcher;

/**
 * Writes an item's "why it matters" for one URS, from what matched: the system types the item names,
 * the requirements (by id) that ask for what it covers, the jurisdiction they cite, the item's key
 * point that speaks to those requirements, and its status. Stateless.
 */
final class RelevanceNarrative {

    /** Kinds named in one sentence: more reads as a list, not a reason. */
    private static final int MAX_KINDS = 3;
    private static final int MAX_IDS_PER_KIND = 3;

    private final ResearchKnowledge knowledge;

    RelevanceNarrative(ResearchKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    String whyItMatters(UrsProfile profile, GuidanceRanker.Fit fit) {
        List<String> sentences = new ArrayList<>();
        sentences.add(system(profile, fit));
        if (!fit.kinds().isEmpty()) {
            sentences.add(requirements(fit.kinds()));
        }
        if (fit.citation().isPresent()) {
            UrsProfile.Citation citation = fit.citation().get();
            sentences.add(ids(citation.requirementIds()) + (citation.requirementIds().size() == 1 ? " cites" : " cite")
                + " it by name (" + join(citation.terms()) + ").");
        } else {
            fit.jurisdiction().ifPresent(j -> sentences.add(ids(j.requirementIds())
                + (j.requirementIds().size() == 1 ? " cites " : " cite ") + join(j.terms()) + ", which puts the system under "
                + j.label() + " expectations."));
        }
        if (!fit.focus().isEmpty()) {
            sentences.add("As " + article(profile.category().title()) + " " + profile.category().title().toLowerCase(Locale.ROOT)
                + ", its validation turns on " + join(fit.focus().stream()
                    .map(k -> knowledge.vocabulary().requirementKinds().get(k).label()).toList())
                + ", which this guidance addresses.");
        }
        sentences.add("Relevant point: " + keyPoint(fit));
        status(fit).ifPresent(sentences::add);
        return String.join(" ", sentences);
    }

    private String system(UrsProfile profile, GuidanceRanker.Fit fit) {
        String system = "\"" + profile.title() + "\" (Category " + profile.category().number() + ")";
        if (fit.item().scopeNote() != null) {
            return fit.item().scopeNote().strip() + " It bears on " + system + " that way.";
        }
        if (!fit.systemTypes().isEmpty()) {
            List<String> types = fit.systemTypes().stream().map(RelevanceNarrative::typeWithEvidence).toList();
            return system + " is " + join(types) + (types.size() == 1 ? ", a type" : ", types") + " this guidance names.";
        }
        if (fit.item().appliesToAnySystem()) {
            List<String> detected = profile.systemTypes().stream().limit(2).map(t -> article(t.label()) + " " + t.label()).toList();
            return "The guidance applies to every GxP computerised system in its scope, " + system
                + (detected.isEmpty() ? "" : ", " + join(detected) + ",") + " included.";
        }
        List<String> written = fit.item().appliesTo().systemTypes().stream()
            .map(t -> knowledge.vocabulary().systemTypes().get(t).label() + "s")
            .toList();
        List<String> topics = fit.topics().stream().map(this::topicLabel).toList();
        return "Written for " + join(written) + ", it bears on " + system + " because the URS asks for " + join(topics) + ".";
    }

    /** A topic is a requirement kind, a system type or (ai-ml, serialization) both; the kind reads better here. */
    private String topicLabel(String topic) {
        Vocabulary.Kind kind = knowledge.vocabulary().requirementKinds().get(topic);
        return kind != null ? kind.label() : knowledge.vocabulary().systemTypes().get(topic).label() + "s";
    }

    private static String typeWithEvidence(UrsProfile.SystemTypeMatch type) {
        String what = article(type.label()) + " " + type.label();
        return switch (type.evidence()) {
            case NAMED -> what + " (as its title or System Type says)";
            case DESCRIBED -> what + " (as its description says)";
            case REQUIREMENTS -> what + " (per " + ids(type.requirementIds()) + ")";
        };
    }

    private static String requirements(List<UrsProfile.KindMatch> kinds) {
        List<String> parts = kinds.stream().limit(MAX_KINDS)
            .map(k -> k.label() + " (" + ids(k.requirementIds()) + ")")
            .toList();
        return "The URS asks for " + join(parts) + ".";
    }

    /**
     * The key point that speaks most to what matched: each shared requirement kind whose terms it
     * uses adds that kind's weight, each matched system type it names adds one; the item's own order
     * breaks ties.
     */
    private String keyPoint(GuidanceRanker.Fit fit) {
        List<String> points = fit.item().keyPoints();
        double[] scores = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            TermMatcher.Prepared text = TermMatcher.prepare(points.get(i));
            for (UrsProfile.KindMatch kind : fit.kinds()) {
                if (knowledge.kindTerms(kind.tag()).anyIn(text)) {
                    scores[i] += GuidanceRanker.kindWeight(kind);
                }
            }
            for (UrsProfile.SystemTypeMatch type : fit.systemTypes()) {
                if (knowledge.systemTypeTerms(type.tag()).anyIn(text)) {
                    scores[i] += 1.0;
                }
            }
        }
        int best = IntStream.range(0, points.size()).boxed()
            .max(Comparator.comparingDouble((Integer i) -> scores[i]).thenComparing(i -> -i))
            .orElseThrow();
        return points.get(best);
    }

    private Optional<String> status(GuidanceRanker.Fit fit) {
        GuidanceCatalog.Item item = fit.item();
        return switch (item.status()) {
            case FINAL -> Optional.empty();
            case DRAFT -> Optional.of("It is a draft (" + item.published() + ") to watch: not yet in force, but it shows where "
                + "expectations on " + focus(fit) + " are heading, and designing for it now avoids rework later.");
            case SUPERSEDED -> {
                GuidanceCatalog.Item successor = knowledge.item(item.supersededBy());
                yield Optional.of("Superseded by " + successor.id() + " (" + successor.published() + "): listed only so that "
                    + "earlier records citing it can be traced; plan against " + successor.id() + ".");
            }
        };
    }

    private static String focus(GuidanceRanker.Fit fit) {
        if (!fit.kinds().isEmpty()) {
            return join(fit.kinds().stream().limit(2).map(UrsProfile.KindMatch::label).toList());
        }
        if (!fit.systemTypes().isEmpty()) {
            return fit.systemTypes().get(0).label() + "s";
        }
        return "computerised systems";
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.toLowerCase(Locale.ROOT).charAt(0)) >= 0 ? "an" : "a";
    }

    static String ids(List<String> ids) {
        if (ids.size() <= MAX_IDS_PER_KIND) {
            return join(ids);
        }
        return String.join(", ", ids.subList(0, MAX_IDS_PER_KIND)) + " and " + (ids.size() - MAX_IDS_PER_KIND) + " more";
    }

    static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
