package dev.gampplanner.agent.context;

/**
 * Nothing but a class for a test class loader to define, so that knowledge is read through that
 * loader's resources instead of the class path's.
 */
public final class KnowledgeAnchor {

    private KnowledgeAnchor() {
    }
}
