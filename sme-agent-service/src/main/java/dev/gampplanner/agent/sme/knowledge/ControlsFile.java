package dev.gampplanner.agent.sme.knowledge;

import java.util.List;

import dev.gampplanner.schema.ControlFramework;
import dev.gampplanner.schema.GapScope;
import dev.gampplanner.schema.RiskLevel;

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
     * @param scope PROCEDURAL when SOPs or the quality system meet the control rather than the system; absent = URS
     * @param owner the role that closes a procedural gap; a URS gap is closed by the system owner
     */
    public record Control(String id, ControlFramework framework, String reference, String title, String requires,
                          List<String> evidence, List<String> appliesWhen, RiskLevel severity, String impact,
                          String recommendation, GapScope scope, String owner) {

        public static final String URS_OWNER = "System owner (adds the requirement to the URS)";

        public GapScope gapScope() {
            return scope == null ? GapScope.URS : scope;
        }

        public String ownerRole() {
            return owner == null ? URS_OWNER : owner;
        }
    }
}
