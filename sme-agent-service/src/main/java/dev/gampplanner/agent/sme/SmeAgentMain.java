package dev.gampplanner.agent.sme;

import dev.gampplanner.runtime.agent.AgentMain;

/** Runs the sme agent service against KAFKA_BOOTSTRAP_SERVERS until stopped. */
public final class SmeAgentMain {

    private SmeAgentMain() {
    }

    public static void main(String[] args) {
        AgentMain.run(SmeAgent::load);
    }
}
