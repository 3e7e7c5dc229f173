package dev.gampplanner.agent.context;

/** One loaded agent for the whole test run: loading the embedding model takes about a second. */
final class SharedAgent {

    private SharedAgent() {
    }

    static ContextAgent get() {
        return Holder.AGENT;
    }

    private static final class Holder {
        static final ContextAgent AGENT = ContextAgent.load();
    }
}
