package dev.gampplanner.agent.sme;

import java.util.List;

import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.GapScope;
import dev.gampplanner.agent.sme.knowledge.RiskFactorsFile.Scoring;
import dev.gampplanner.domain.GampCategory;

/** The overall risk of a URS and the two-sentence summary that opens the assessment. */
final class Overview {

    /** How many of the riskiest requirements the summary names. */
    private static final int RISKIEST_NAMED = 3;

    private Overview() {
    }

    /**
     * HIGH when at least {@code overallHighPercent} of the requirements are HIGH or a HIGH one has the
     * highest severity; MEDIUM when any is HIGH or at least {@code overallMediumPercent} are MEDIUM or
     * HIGH; LOW otherwise. Shares are compared in integers, so no rounding can tip a boundary case.
     */
    static RiskLevel overallRisk(List<ScoredRequirement> risks, Scoring scoring) {
        int total = risks.size();
        long high = risks.stream().filter(r -> r.level() == RiskLevel.HIGH).count();
        long mediumOrHigh = risks.stream().filter(r -> r.level() != RiskLevel.LOW).count();
        boolean highAtTopSeverity = risks.stream()
            .anyMatch(r -> r.level() == RiskLevel.HIGH && r.severity() >= scoring.highSeverity());
        if (high * 100 >= (long) scoring.overallHighPercent() * total || highAtTopSeverity) {
            return RiskLevel.HIGH;
        }
        if (high > 0 || mediumOrHigh * 100 >= (long) scoring.overallMediumPercent() * total) {
            return RiskLevel.MEDIUM;
        }
        return RiskLevel.LOW;
    }

    static String summary(GampCategory category, List<ScoredRequirement> risks, RiskLevel overall, List<ControlCheck> applicable,
                          List<ControlCheck> gaps, int recommendations) {
        List<String> riskiest = risks.stream().sorted(ScoredRequirement.RISKIEST_FIRST).limit(RISKIEST_NAMED)
            .map(ScoredRequirement::withRpn).toList();
        int high = count(risks, RiskLevel.HIGH);
        String first = "Of " + Phrases.count(risks.size(), "requirement") + ", " + high + Phrases.verb(high, " is", " are")
            + " HIGH, " + count(risks, RiskLevel.MEDIUM) + " MEDIUM and " + count(risks, RiskLevel.LOW) + " LOW risk, so the overall "
            + "risk of this GAMP Category " + category.number() + " system is " + overall + "; the riskiest "
            + Phrases.verb(riskiest.size(), "is ", "are ") + Phrases.list(riskiest, RISKIEST_NAMED) + ".";
        String second;
        if (gaps.isEmpty()) {
            second = "The URS addresses all " + applicable.size() + " applicable regulatory controls; "
                + Phrases.count(recommendations, "recommendation") + Phrases.verb(recommendations, " follows", " follow")
                + " from the risks.";
        } else {
            List<ControlCheck> urs = gaps.stream().filter(g -> g.control().gapScope() == GapScope.URS).toList();
            long procedural = gaps.size() - urs.size();
            second = "The URS addresses " + (applicable.size() - gaps.size()) + " of " + applicable.size()
                + " applicable regulatory controls and is silent on " + gaps.size() + " (" + gapCount(urs, RiskLevel.HIGH)
                + " HIGH, " + gapCount(urs, RiskLevel.MEDIUM) + " MEDIUM, " + gapCount(urs, RiskLevel.LOW) + " LOW severity for the system"
                + (procedural == 0 ? "" : ", and " + procedural + " that procedures rather than the system meet") + "); "
                + Phrases.count(recommendations, "recommendation") + Phrases.verb(recommendations, " follows.", " follow.");
        }
        return first + " " + second;
    }

    private static int count(List<ScoredRequirement> risks, RiskLevel level) {
        return (int) risks.stream().filter(r -> r.level() == level).count();
    }

    private static long gapCount(List<ControlCheck> gaps, RiskLevel severity) {
        return gaps.stream().filter(g -> g.control().severity() == severity).count();
    }
}
