package dev.gampplanner.agent.research;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How system types, requirement kinds and jurisdictions read in a URS ({@code knowledge/vocabulary.yaml}),
 * as written. Maps keep the file's order, which is the order ties are reported in.
 */
record Vocabulary(String version, Map<String, SystemType> systemTypes, Map<String, Kind> requirementKinds,
                  Map<Integer, List<String>> categoryFocus, Map<String, List<String>> citations,
                  Map<String, Jurisdiction> jurisdictions) {

    /**
     * @param categoryFocus per GAMP category, the requirement kinds its validation effort turns on
     * @param citations per guidance id, the words a requirement cites the document by
     */
    Vocabulary {
        systemTypes = Collections.unmodifiableMap(new LinkedHashMap<>(systemTypes));
        requirementKinds = Collections.unmodifiableMap(new LinkedHashMap<>(requirementKinds));
        categoryFocus = Collections.unmodifiableMap(new LinkedHashMap<>(categoryFocus));
        citations = Collections.unmodifiableMap(new LinkedHashMap<>(citations));
        jurisdictions = Collections.unmodifiableMap(new LinkedHashMap<>(jurisdictions));
    }

    List<String> focusOf(int category) {
        return categoryFocus.getOrDefault(category, List.of());
    }

    /**
     * @param label how the narrative names the type: "environmental monitoring system"
     * @param topic whether a guidance item whose title names the type is about such systems, and so
     *     only relevant to a URS for one
     */
    record SystemType(String label, boolean topic, List<String> terms) {

        SystemType {
            terms = List.copyOf(terms);
        }
    }

    /**
     * @param label how the narrative names the kind: "audit trails"
     * @param topic whether a guidance item whose title names the kind is about it, and so only relevant
     *     to a URS that shows it
     * @param sections requirement kinds of the URS parser (from section headings) that show this kind by
     *     themselves: every requirement under an "Integration" heading is about interfaces
     */
    record Kind(String label, boolean topic, List<String> sections, List<String> terms) {

        Kind {
            sections = sections == null ? List.of() : List.copyOf(sections);
            terms = List.copyOf(terms);
        }
    }

    /**
     * @param breadth 0..1, how widely the jurisdiction's expectations are applied when the URS names no jurisdiction
     * @param terms words that show a requirement is written against this jurisdiction
     */
    record Jurisdiction(String label, double breadth, List<String> terms) {

        Jurisdiction {
            terms = List.copyOf(terms);
        }
    }
}
