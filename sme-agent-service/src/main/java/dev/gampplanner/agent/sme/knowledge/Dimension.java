package dev.gampplanner.agent.sme.knowledge;

import java.util.Locale;

/** The three FMEA dimensions of ICH Q9(R1) risk assessment, in the order a rationale names them. */
public enum Dimension {
    SEVERITY, OCCURRENCE, DETECTABILITY;

    // Read for every factor of every requirement: lower-cased once.
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name the knowledge files and the assessment use: severity, occurrence or detectability. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for any other word, naming the accepted ones */
    public static Dimension of(String label) {
        for (Dimension dimension : values()) {
            if (dimension.label.equals(label)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("dimension '" + label + "' is not one of severity, occurrence, detectability");
    }
}
