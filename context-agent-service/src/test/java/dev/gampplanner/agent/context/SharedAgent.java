package dev.gampplanner.agent.context;

/** One loaded agent for the whole test run: loading embeds every passage, which takes seconds. */
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
