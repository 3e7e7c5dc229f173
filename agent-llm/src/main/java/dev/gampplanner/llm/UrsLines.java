package dev.gampplanner.llm;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;

/** The requirements of a URS as a prompt shows them: id and statement, the statement cut at a word boundary. */
public final class UrsLines {

    private static final int STATEMENT_CHARS = 400;

    private UrsLines() {
    }

    /** The first {@code max} requirements of {@code urs}, in URS order. */
    public static ArrayNode of(String urs, int max) {
        return of(UrsParser.parse(urs).requirements().stream().limit(max).toList());
    }

    public static ArrayNode of(List<UrsRequirement> requirements) {
        ArrayNode lines = Prompt.object().arrayNode();
        for (UrsRequirement requirement : requirements) {
            lines.addObject().put("id", requirement.id()).put("statement", statement(requirement));
        }
        return lines;
    }

    /** The requirement's text with its detail lines, on one line. */
    public static String statement(UrsRequirement requirement) {
        String flat = requirement.fullText().replaceAll("\\s+", " ").strip();
        if (flat.length() <= STATEMENT_CHARS) {
            return flat;
        }
        int space = flat.lastIndexOf(' ', STATEMENT_CHARS);
        return flat.substring(0, space > 0 ? space : STATEMENT_CHARS) + "\u2026";
    }
}
