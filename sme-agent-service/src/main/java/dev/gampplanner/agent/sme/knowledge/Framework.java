package dev.gampplanner.agent.sme.knowledge;

/** The regulatory framework a control comes from, declared in the order the assessment lists them. */
public enum Framework {
    PART_11, ANNEX_11, ALCOA_PLUS
}
