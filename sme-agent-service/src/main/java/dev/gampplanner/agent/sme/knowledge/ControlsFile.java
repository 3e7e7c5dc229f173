package dev.gampplanner.agent.sme.knowledge;

import java.util.List;

/**
 * {@code knowledge/controls.yaml} as written: the regulatory controls a URS is checked against.
 * Every field the file uses is bound, because unknown fields are refused.
 */
public record ControlsFile(String version, List<Control> controls) {

    /**
     * One control.
     *
     * @param evidence phrases whose presence in a requirement means the requirement asks for the control
     * @param appliesWhen phrases of which one must occur in the URS for the control to apply; empty = always applies
     * @param severity how serious it is when the URS is silent on an applicable control
     */
    public record Control(String id, Framework framework, String reference, String title, String requires,
                          List<String> evidence, List<String> appliesWhen, Level severity, String impact,
                          String recommendation) {
    }
}
