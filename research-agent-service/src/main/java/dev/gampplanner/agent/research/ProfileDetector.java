package dev.gampplanner.agent.research;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.text.TermMatcher;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsLine;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.domain.urs.UrsSection;

/** Reads a parsed URS into a {@link UrsProfile} with the vocabulary's terms. Stateless. */
final class ProfileDetector {

    /**
     * One requirement naming a system type may be a passing mention ("reports used for batch release");
     * two that are not about interfaces show the system really does that work.
     */
    private static final int REQUIREMENTS_FOR_SYSTEM_TYPE = 2;

    private static final List<String> INTRODUCTION_HEADINGS =
        List.of("introduction", "purpose", "overview", "background", "scope", "system description");

    private final ResearchKnowledge knowledge;

    ProfileDetector(ResearchKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    UrsProfile detect(UrsDocument urs, GampCategory category) {
        List<Requirement> requirements = urs.requirements().stream().map(this::read).toList();
        return new UrsProfile(urs.title(), category, systemTypes(urs, requirements), kinds(requirements),
            citations(requirements), jurisdictions(requirements));
    }

    /** A requirement with its text prepared once and the kinds it shows. */
    private record Requirement(String id, TermMatcher.Prepared text, Set<String> kinds) {

        boolean aboutInterfaces() {
            return kinds.contains(ResearchKnowledge.INTERFACES);
        }
    }

    private Requirement read(UrsRequirement requirement) {
        TermMatcher.Prepared text = TermMatcher.prepare(requirement.fullText());
        String sectionKind = requirement.kind().label();
        Set<String> kinds = new LinkedHashSet<>();
        knowledge.vocabulary().requirementKinds().forEach((tag, kind) -> {
            boolean bySection = kind.sections().stream().anyMatch(s -> s.equalsIgnoreCase(sectionKind));
            if (bySection || knowledge.kindTerms(tag).anyIn(text)) {
                kinds.add(tag);
            }
        });
        return new Requirement(requirement.id(), text, kinds);
    }

    private List<UrsProfile.SystemTypeMatch> systemTypes(UrsDocument urs, List<Requirement> requirements) {
        TermMatcher.Prepared named = TermMatcher.prepare(urs.title() + "\n" + urs.systemType().orElse(""));
        TermMatcher.Prepared described = TermMatcher.prepare(String.join("\n", description(urs)));
        List<UrsProfile.SystemTypeMatch> found = new ArrayList<>();
        knowledge.vocabulary().systemTypes().forEach((tag, type) -> {
            Terms terms = knowledge.systemTypeTerms(tag);
            // A system named in an interface requirement is a partner of this one, not this one.
            List<String> ids = requirements.stream()
                .filter(r -> !r.aboutInterfaces() && terms.anyIn(r.text()))
                .map(Requirement::id)
                .toList();
            Optional<UrsProfile.Evidence> evidence = terms.anyIn(named) ? Optional.of(UrsProfile.Evidence.NAMED)
                : terms.anyIn(described) ? Optional.of(UrsProfile.Evidence.DESCRIBED)
                : ids.size() >= REQUIREMENTS_FOR_SYSTEM_TYPE ? Optional.of(UrsProfile.Evidence.REQUIREMENTS)
                : Optional.empty();
            evidence.ifPresent(e -> found.add(new UrsProfile.SystemTypeMatch(tag, type.label(), e, ids)));
        });
        // Vocabulary order breaks ties, so the order is the same on every run.
        found.sort(Comparator.comparing(UrsProfile.SystemTypeMatch::evidence)
            .thenComparing(t -> -t.requirementIds().size()));
        return found;
    }

    /** Metadata other than the System Type line, and the prose of the introduction. */
    private static List<String> description(UrsDocument urs) {
        List<String> lines = new ArrayList<>();
        urs.metadata().forEach((key, value) -> {
            if (!key.equalsIgnoreCase("System Type")) {
                lines.add(value);
            }
        });
        for (UrsSection section : urs.sections()) {
            String heading = section.heading().toLowerCase(Locale.ROOT);
            if (INTRODUCTION_HEADINGS.stream().anyMatch(heading::contains)) {
                section.prose().stream().map(UrsLine::text).forEach(lines::add);
            }
        }
        return lines;
    }

    private List<UrsProfile.KindMatch> kinds(List<Requirement> requirements) {
        List<UrsProfile.KindMatch> found = new ArrayList<>();
        knowledge.vocabulary().requirementKinds().forEach((tag, kind) -> {
            List<String> ids = requirements.stream().filter(r -> r.kinds().contains(tag)).map(Requirement::id).toList();
            if (!ids.isEmpty()) {
                found.add(new UrsProfile.KindMatch(tag, kind.label(), ids));
            }
        });
        found.sort(Comparator.comparing((UrsProfile.KindMatch k) -> -k.count()).thenComparing(UrsProfile.KindMatch::tag));
        return found;
    }

    private List<UrsProfile.Citation> citations(List<Requirement> requirements) {
        List<UrsProfile.Citation> found = new ArrayList<>();
        knowledge.citationTerms().forEach((itemId, terms) -> cited(terms, requirements).ifPresent(
            c -> found.add(new UrsProfile.Citation(itemId, c.terms(), c.requirementIds()))));
        return found;
    }

    private List<UrsProfile.JurisdictionMatch> jurisdictions(List<Requirement> requirements) {
        List<UrsProfile.JurisdictionMatch> found = new ArrayList<>();
        knowledge.vocabulary().jurisdictions().forEach((code, jurisdiction) -> cited(knowledge.jurisdictionTerms(code), requirements)
            .ifPresent(c -> found.add(new UrsProfile.JurisdictionMatch(code, jurisdiction.label(), c.terms(), c.requirementIds()))));
        return found;
    }

    private record Cited(List<String> terms, List<String> requirementIds) {
    }

    /**
     * The requirements using any of the terms, and the terms they use: for each requirement the one
     * the vocabulary lists first (the most specific, so "21 CFR" rather than also "CFR").
     */
    private static Optional<Cited> cited(Terms terms, List<Requirement> requirements) {
        Map<String, String> termById = new LinkedHashMap<>();
        requirements.forEach(r -> terms.firstIn(r.text()).ifPresent(term -> termById.put(r.id(), term)));
        if (termById.isEmpty()) {
            return Optional.empty();
        }
        List<String> used = terms.written().stream().filter(termById::containsValue).toList();
        return Optional.of(new Cited(used, List.copyOf(termById.keySet())));
    }
}
