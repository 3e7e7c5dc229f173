package dev.gampplanner.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.gampplanner.domain.urs.UrsLimits;

/**
 * URS documents at the planner's limits (and one step beyond), written in the vocabulary of real ones, so that every
 * agent has its full work to do on each requirement: risk factors, controls, clauses and guidance all fire.
 */
public final class LimitUrs {

    private static final String[] PHRASES = {
        "record an audit trail entry with user, date, time and old and new value", "apply electronic signatures with meaning",
        "calculate the batch release result from validated formulas", "interface with the LIMS and SAP ERP", "alarm on excursion",
        "restrict access by role and lock accounts after failed logins", "retain records for 10 years with backup and restore",
        "export data in a human readable format", "review and approve results before release", "show the limit of 2.0 degC",
        "detect the loss of a sensor within 5 minutes", "reprocess chromatography data with manual integration",
    };

    private LimitUrs() {
    }

    /**
     * A URS of {@code requirements} requirements, each with {@code detailLines} detail lines, every line about
     * {@code lineLength} characters long.
     */
    public static String of(int requirements, int detailLines, int lineLength) {
        Random random = new Random(requirements * 31L + detailLines * 7L + lineLength);
        StringBuilder urs = new StringBuilder("# URS-LIM: Laboratory Information Management System\n**System Type**: LIMS\n\n"
            + "## 1. Functional Requirements\n");
        for (int i = 1; i <= requirements; i++) {
            urs.append(line(String.format("- **URS-LIM-%05d**: The system shall ", i), lineLength, random)).append('\n');
            for (int d = 1; d <= detailLines; d++) {
                urs.append(line("  - Detail " + d + ": ", lineLength, random)).append('\n');
            }
        }
        return urs.toString();
    }

    /** The largest URS the limits accept: every requirement allowed, the document as large as allowed. */
    public static String largest(UrsLimits limits) {
        int perRequirement = limits.maxBytes() / limits.maxRequirements() - 8;
        int detailLines = 1;
        int lineLength = Math.min(limits.maxLineLength(), perRequirement / (detailLines + 1) - 2);
        String urs = of(limits.maxRequirements(), detailLines, lineLength);
        if (urs.getBytes(StandardCharsets.UTF_8).length > limits.maxBytes()) {
            throw new IllegalStateException("the largest URS overshot the byte limit");
        }
        return urs;
    }

    /** A URS of exactly {@code bytes} UTF-8 bytes, in lines the other limits accept. */
    public static String ofBytes(int bytes) {
        String header = "# URS-SIZE: Laboratory Information Management System\n\n## 1. Requirements\n";
        StringBuilder urs = new StringBuilder(header);
        Random random = new Random(bytes);
        int n = 0;
        while (urs.length() < bytes - 700) {
            urs.append(line(String.format("- **URS-SIZE-%05d**: The system shall ", ++n), 600, random)).append('\n');
        }
        urs.append("Notes: ");
        urs.append("x".repeat(bytes - urs.length() - 1)).append('\n');
        return urs.toString();
    }

    /** A one-requirement URS whose requirement line has exactly {@code length} characters. */
    public static String withLineOf(int length) {
        String start = "- **URS-LINE-001**: The system shall ";
        StringBuilder line = new StringBuilder(start);
        Random random = new Random(length);
        while (line.length() < length) {
            line.append(PHRASES[random.nextInt(PHRASES.length)]).append(' ');
        }
        line.setLength(length);
        return "# URS-LINE: Laboratory Information Management System\n\n## 1. Requirements\n" + line + "\n";
    }

    private static String line(String start, int length, Random random) {
        List<String> words = new ArrayList<>();
        int size = start.length();
        while (size < length) {
            String phrase = PHRASES[random.nextInt(PHRASES.length)] + " " + Integer.toString(random.nextInt(1 << 20), 36) + ";";
            words.add(phrase);
            size += phrase.length() + 1;
        }
        String text = start + String.join(" ", words);
        return text.length() > length ? text.substring(0, length) : text;
    }
}
