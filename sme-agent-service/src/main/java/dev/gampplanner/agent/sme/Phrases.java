package dev.gampplanner.agent.sme;

import java.util.List;

/** Small helpers that keep the generated sentences readable. */
final class Phrases {

    private Phrases() {
    }

    /** "a", "a and b", "a, b and c"; beyond {@code limit} items the rest are counted: "a, b, c and 4 more". */
    static String list(List<String> items, int limit) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() > limit) {
            return String.join(", ", items.subList(0, limit)) + " and " + (items.size() - limit) + " more";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "1 requirement", "3 requirements". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code singular} for one subject, {@code plural} otherwise: "URS-1 relies", "URS-1 and URS-2 rely". */
    static String verb(int subjects, String singular, String plural) {
        return subjects == 1 ? singular : plural;
    }

    /** The id of a factor or adjustment as words: "automated-decision" reads "automated decision". */
    static String title(String id) {
        return id.replace('-', ' ');
    }
}
