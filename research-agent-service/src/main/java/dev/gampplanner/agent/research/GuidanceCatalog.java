package dev.gampplanner.agent.research;

import java.util.List;

import dev.gampplanner.schema.GuidanceStatus;

/** The dated guidance the research agent knows ({@code knowledge/guidance.yaml}), as written. */
record GuidanceCatalog(String version, List<Item> items) {

    /** Any system type: the item applies to every computerised system in its categories. */
    static final String ANY_SYSTEM = "any";

    GuidanceCatalog {
        items = List.copyOf(items);
    }

    /**
     * One guidance document, regulation or industry guide in one dated version.
     *
     * @param published ISO date, YYYY-MM-DD or YYYY-MM when only the month is certain
     * @param supersededBy id of the item that replaced this one, set exactly when the status is SUPERSEDED
     */
    record Item(String id, String title, String issuer, String documentType, String published, GuidanceStatus status,
                List<String> supersedes, String supersededBy, String jurisdiction, String url, String scope,
                List<String> keyPoints, AppliesTo appliesTo, String testingImplications, Boolean baseline, String scopeNote) {

        Item {
            supersedes = List.copyOf(supersedes);
            keyPoints = List.copyOf(keyPoints);
        }

        /**
         * Whether every plan it fits cites it, however other items rank: the EU GMP annex for computerised systems,
         * the risk management guideline behind the plan's FMEA, GAMP 5 and the CSA guidance the test rigour follows.
         */
        boolean always() {
            return Boolean.TRUE.equals(baseline);
        }

        boolean appliesToAnySystem() {
            return appliesTo.systemTypes().contains(ANY_SYSTEM);
        }
    }

    /**
     * What an item is written for.
     *
     * @param systemTypes tags from the vocabulary, or {@link #ANY_SYSTEM}
     */
    record AppliesTo(List<Integer> categories, List<String> systemTypes, List<String> requirementKinds) {

        AppliesTo {
            categories = List.copyOf(categories);
            systemTypes = List.copyOf(systemTypes);
            requirementKinds = List.copyOf(requirementKinds);
        }
    }
}
