package dev.gampplanner.agent.research;

import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the research agent service against KAFKA_BOOTSTRAP_SERVERS until stopped, in the mode GAMP_MODE or GAMP_RESEARCH_MODE names. */
public final class ResearchAgentMain {

    private ResearchAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(config -> LlmMode.configure(ResearchAgent.load(), new ResearchDrafts(), config));
    }
}
