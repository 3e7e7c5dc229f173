package dev.gampplanner.domain.urs;

/** A line of the URS with its 1-based number, for evidence that points back into the document. */
public record UrsLine(int number, String text) {
}
