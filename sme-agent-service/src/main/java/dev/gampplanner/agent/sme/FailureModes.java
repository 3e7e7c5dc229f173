package dev.gampplanner.agent.sme;

import java.util.List;

import dev.gampplanner.agent.sme.knowledge.FailureModesFile.Mode;

/**
 * Picks the failure mode of a requirement: the first mode of the knowledge whose terms occur in its
 * text, else a generic one at the baseline severity.
 */
final class FailureModes {

    private final List<Mode> modes;
    private final Mode fallback;

    FailureModes(List<Mode> modes, int baselineSeverity) {
        this.modes = List.copyOf(modes);
        this.fallback = new Mode("function", List.of(), baselineSeverity, "The function gives a wrong result, or none",
            "Work that depends on it is delayed or redone; no direct effect on product or GMP data is stated",
            "Configuration or use that differs from the specification", List.of(), null);
    }

    Mode of(MatchText text) {
        return modes.stream().filter(m -> text.containsAny(m.terms())).findFirst().orElse(fallback);
    }
}
