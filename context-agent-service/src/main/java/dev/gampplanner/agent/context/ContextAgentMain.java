package dev.gampplanner.agent.context;

import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the context agent service against KAFKA_BOOTSTRAP_SERVERS until stopped, in the mode GAMP_MODE or GAMP_CONTEXT_MODE names. */
public final class ContextAgentMain {

    private ContextAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(config -> LlmMode.configure(ContextAgent.load(), new ContextDrafts(), config));
    }
}
