package dev.gampplanner.domain.urs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest URS the planner accepts. Every record a plan leads to (the agents' results, the merged plan) grows with
 * the URS's size and its number of requirements, so bounding both bounds every record, and a request that could not
 * be answered within the broker's record size is refused at intake instead of failing halfway through.
 *
 * <p>The ceilings are the defaults: a deployment may accept less, never more, because the record sizes the planner
 * was measured against (see the README's limits table) hold only up to them.
 *
 * @param maxBytes UTF-8 bytes of the whole document
 * @param maxRequirements requirements the parser finds
 * @param maxLineLength characters on any one line
 * @param maxDetailLines detail lines under one requirement
 */
public record UrsLimits(int maxBytes, int maxRequirements, int maxLineLength, int maxDetailLines) {

    public static final int MAX_BYTES_CEILING = 1024 * 1024;
    public static final int MAX_REQUIREMENTS_CEILING = 2_000;
    public static final int MAX_LINE_LENGTH_CEILING = 4_000;
    public static final int MAX_DETAIL_LINES_CEILING = 100;

    /** The ceilings themselves. */
    public static final UrsLimits DEFAULT = new UrsLimits(MAX_BYTES_CEILING, MAX_REQUIREMENTS_CEILING, MAX_LINE_LENGTH_CEILING,
        MAX_DETAIL_LINES_CEILING);

    public UrsLimits {
        require("maxBytes", maxBytes, MAX_BYTES_CEILING);
        require("maxRequirements", maxRequirements, MAX_REQUIREMENTS_CEILING);
        require("maxLineLength", maxLineLength, MAX_LINE_LENGTH_CEILING);
        require("maxDetailLines", maxDetailLines, MAX_DETAIL_LINES_CEILING);
    }

    /** One way a document exceeds the limits, with a stable code and a message naming the limit. */
    public record Violation(String code, String message) {
    }

    /** Whether the document's raw size is within the limit; checked before parsing so an oversized text is never parsed. */
    public List<Violation> checkSize(String urs) {
        int bytes = urs.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            return List.of(new Violation("URS_TOO_LARGE", "the URS has " + bytes + " bytes; at most " + maxBytes + " are accepted"));
        }
        return List.of();
    }

    /** What in a document of acceptable size exceeds the other limits: its longest line, requirement count, detail lines. */
    public List<Violation> checkContent(String urs, UrsDocument parsed) {
        List<Violation> violations = new ArrayList<>();
        int lineNumber = 0;
        for (String line : urs.split("\r\n|\r|\n", -1)) {
            lineNumber++;
            if (line.length() > maxLineLength) {
                violations.add(new Violation("LINE_TOO_LONG", "line " + lineNumber + " has " + line.length()
                    + " characters; at most " + maxLineLength + " are accepted on one line"));
                break;
            }
        }
        int requirements = parsed.requirements().size();
        if (requirements > maxRequirements) {
            violations.add(new Violation("TOO_MANY_REQUIREMENTS", "the URS has " + requirements + " requirements; at most "
                + maxRequirements + " are accepted in one plan (split the URS by subsystem)"));
        }
        parsed.requirements().stream()
            .filter(r -> r.details().size() > maxDetailLines)
            .findFirst()
            .ifPresent(r -> violations.add(new Violation("TOO_MANY_DETAIL_LINES", "requirement " + r.id() + " (line " + r.line()
                + ") has " + r.details().size() + " detail lines; at most " + maxDetailLines + " are accepted under one requirement")));
        return violations;
    }

    private static void require(String name, int value, int ceiling) {
        if (value < 1 || value > ceiling) {
            throw new IllegalArgumentException(name + " must be between 1 and " + ceiling + ", got " + value);
        }
    }
}
