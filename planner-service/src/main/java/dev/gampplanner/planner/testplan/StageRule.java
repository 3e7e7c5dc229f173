package dev.gampplanner.planner.testplan;

import java.util.List;

import dev.gampplanner.planner.text.ScreenedPattern;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.TestStage;

/**
 * Which qualification stage proves a requirement. What is verified by inspecting the installation
 * (the product and version installed, unmodified vendor software, the platform it runs on) is IQ;
 * what only a long run in production can show (availability over months, retention over years,
 * daily throughput) is PQ or supplier evidence; everything a tester can exercise is OQ.
 */
final class StageRule {

    private static final ScreenedPattern INSTALLATION = ScreenedPattern.compile(
        "\\b(?:without (?:modification|customi[sz]ation)\\b|unmodified\\b|"
        + "(?:shall be |is |system )?based on (?:a )?commercial\\b|use commercial\\b|install(?:ed|ation)?\\b|"
        + "vendor-supplied software\\b|commercial (?:\\w+ ){0,2}(?:package|software|platform)\\b(?!.*\\b(?:configure|integrat)))");
    private static final ScreenedPattern LONG_RUN = ScreenedPattern.compile("\\b(?:availability\\b|uptime\\b|per day\\b|24/7\\b|"
        + "retain(?:ed)?\\b.*\\byears?\\b|retention\\b.*\\byears?\\b|storage capacity\\b)");

    private StageRule() {
    }

    static TestStage of(Requirement requirement, List<Limit> limits) {
        String text = requirement.getText();
        String folded = ScreenedPattern.fold(text);
        if (INSTALLATION.find(text, folded) && requirement.getDetails().isEmpty()) {
            return TestStage.IQ;
        }
        boolean longRun = LONG_RUN.find(text, folded)
            || limits.stream().anyMatch(l -> l.bound() == Limit.Bound.MINIMUM && l.unit().matches("years?|%"));
        return longRun ? TestStage.PQ : TestStage.OQ;
    }

    /** Why a requirement is placed in a stage other than OQ, for the protocol's reader. */
    static String reason(TestStage stage) {
        return switch (stage) {
            case IQ -> "verified by inspecting the installation against the supplier's release and the configuration baseline";
            case PQ -> "shown over a period of routine use, or by supplier evidence and calculation: a test run cannot show it";
            case OQ -> "exercised by the tester in the qualified test environment";
        };
    }
}
