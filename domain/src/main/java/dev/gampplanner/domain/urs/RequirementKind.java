package dev.gampplanner.domain.urs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What a requirement is about, from the heading of the section it is written under. */
public enum RequirementKind {
    FUNCTIONAL, REGULATORY, PERFORMANCE, INTEGRATION, DATA, SECURITY, TECHNICAL, OTHER;

    // First match wins, so the more specific headings come first ("data integrity" is regulatory data).
    private static final List<Map.Entry<String, RequirementKind>> HEADING_WORDS = List.of(
        Map.entry("regulat", REGULATORY),
        Map.entry("complian", REGULATORY),
        Map.entry("gxp", REGULATORY),
        Map.entry("quality", REGULATORY),
        Map.entry("security", SECURITY),
        Map.entry("access", SECURITY),
        Map.entry("performance", PERFORMANCE),
        Map.entry("capacity", PERFORMANCE),
        Map.entry("availability", PERFORMANCE),
        Map.entry("integration", INTEGRATION),
        Map.entry("interface", INTEGRATION),
        Map.entry("data", DATA),
        Map.entry("technical", TECHNICAL),
        Map.entry("architecture", TECHNICAL),
        Map.entry("infrastructure", TECHNICAL),
        Map.entry("functional", FUNCTIONAL),
        Map.entry("function", FUNCTIONAL),
        Map.entry("operational", FUNCTIONAL),
        Map.entry("user", FUNCTIONAL),
        Map.entry("business", FUNCTIONAL));

    public static RequirementKind fromHeading(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        // "Non-functional" headings hold performance, security and technical needs, not functions.
        if (lower.contains("non-functional") || lower.contains("nonfunctional")) {
            return TECHNICAL;
        }
        for (Map.Entry<String, RequirementKind> entry : HEADING_WORDS) {
            if (lower.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return OTHER;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
