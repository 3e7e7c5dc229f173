package dev.gampplanner.agent.sme.knowledge;

/** Risk level of a requirement, severity of a compliance gap and priority of a recommendation; declared lowest first. */
public enum Level {
    LOW, MEDIUM, HIGH
}
