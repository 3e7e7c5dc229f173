package dev.gampplanner.agent.context;

import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the context agent service against KAFKA_BOOTSTRAP_SERVERS until stopped. */
public final class ContextAgentMain {

    private ContextAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(ContextAgent::load);
    }
}
