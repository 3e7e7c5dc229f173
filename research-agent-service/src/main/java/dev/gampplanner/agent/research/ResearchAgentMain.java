package dev.gampplanner.agent.research;

import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the research agent service against KAFKA_BOOTSTRAP_SERVERS until stopped. */
public final class ResearchAgentMain {

    private ResearchAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(ResearchAgent::load);
    }
}
