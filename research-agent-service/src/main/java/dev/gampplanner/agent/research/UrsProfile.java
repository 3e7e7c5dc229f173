package dev.gampplanner.agent.research;

import java.util.List;
import java.util.Optional;

import dev.gampplanner.domain.GampCategory;

/**
 * What the research agent recognised in one URS: the kind of system, what its requirements ask for
 * and which jurisdictions they cite, each with the requirement ids that show it.
 *
 * @param systemTypes strongest evidence first
 * @param requirementKinds most requirements first
 */
record UrsProfile(String title, GampCategory category, List<SystemTypeMatch> systemTypes, List<KindMatch> requirementKinds,
                  List<Citation> citations, List<JurisdictionMatch> jurisdictions) {

    UrsProfile {
        systemTypes = List.copyOf(systemTypes);
        requirementKinds = List.copyOf(requirementKinds);
        citations = List.copyOf(citations);
        jurisdictions = List.copyOf(jurisdictions);
    }

    /** Where the URS says what kind of system it is, most telling first. */
    enum Evidence {
        /** The title or the System Type line. */
        NAMED,
        /** Other metadata (Domain ...) or the introduction. */
        DESCRIBED,
        /** Only requirements, at least two that are not about interfaces. */
        REQUIREMENTS
    }

    /** @param requirementIds the requirements (not about interfaces) that mention the type */
    record SystemTypeMatch(String tag, String label, Evidence evidence, List<String> requirementIds) {

        SystemTypeMatch {
            requirementIds = List.copyOf(requirementIds);
        }
    }

    record KindMatch(String tag, String label, List<String> requirementIds) {

        KindMatch {
            requirementIds = List.copyOf(requirementIds);
        }

        int count() {
            return requirementIds.size();
        }
    }

    /**
     * Requirements that cite a guidance item by name.
     *
     * @param terms the citation words they use, as the vocabulary writes them and in its order
     */
    record Citation(String itemId, List<String> terms, List<String> requirementIds) {

        Citation {
            terms = List.copyOf(terms);
            requirementIds = List.copyOf(requirementIds);
        }
    }

    /** @param terms the jurisdiction's words the requirements use, as the vocabulary writes them and in its order */
    record JurisdictionMatch(String code, String label, List<String> terms, List<String> requirementIds) {

        JurisdictionMatch {
            terms = List.copyOf(terms);
            requirementIds = List.copyOf(requirementIds);
        }
    }

    Optional<SystemTypeMatch> systemType(String tag) {
        return systemTypes.stream().filter(t -> t.tag().equals(tag)).findFirst();
    }

    Optional<KindMatch> requirementKind(String tag) {
        return requirementKinds.stream().filter(k -> k.tag().equals(tag)).findFirst();
    }

    Optional<Citation> citation(String itemId) {
        return citations.stream().filter(c -> c.itemId().equals(itemId)).findFirst();
    }

    Optional<JurisdictionMatch> jurisdiction(String code) {
        return jurisdictions.stream().filter(j -> j.code().equals(code)).findFirst();
    }
}
