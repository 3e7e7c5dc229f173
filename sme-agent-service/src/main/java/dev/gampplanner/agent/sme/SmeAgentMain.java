package dev.gampplanner.agent.sme;

import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the sme agent service against KAFKA_BOOTSTRAP_SERVERS until stopped, in the mode GAMP_MODE or GAMP_SME_MODE names. */
public final class SmeAgentMain {

    private SmeAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(config -> LlmMode.configure(SmeAgent.load(), new SmeDrafts(), config));
    }
}
