package dev.gampplanner.agent.sme.knowledge;

import java.util.List;

/**
 * {@code knowledge/failure-modes.yaml} as written: how each kind of function fails, with what effect
 * and why, and the severity of that effect.
 */
public record FailureModesFile(String version, List<Mode> modes) {

    /**
     * @param controlsUnderTest detectability factors that must not lower detectability for this mode, because the
     *     control they name is the function that fails
     * @param detectability the least detectability of the mode, when its failure announces itself to nobody; null = none
     */
    public record Mode(String id, List<String> terms, int severity, String failureMode, String effect, String cause,
                       List<String> controlsUnderTest, Integer detectability) {
    }
}
