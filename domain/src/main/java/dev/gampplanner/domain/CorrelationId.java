package dev.gampplanner.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The id that ties every record of one plan together: a UUID, keyed as its canonical string. */
public record CorrelationId(UUID value) {

    // UUID.fromString accepts shortened groups such as "1-1-1-1-1"; keys must be the canonical 36-character form.
    private static final Pattern CANONICAL =
        Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public CorrelationId {
        Objects.requireNonNull(value, "value");
    }

    public static CorrelationId random() {
        return new CorrelationId(UUID.randomUUID());
    }

    /**
     * Parses a key as sent.
     *
     * @throws IllegalArgumentException saying what is wrong, for a missing or non-UUID key
     */
    public static CorrelationId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the correlation id is missing");
        }
        if (!CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException("the correlation id '" + abbreviate(text)
                + "' is not a UUID in canonical form (8-4-4-4-12 hex digits)");
        }
        return new CorrelationId(UUID.fromString(text));
    }

    public static boolean isValid(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    /** The first 8 hex digits, for file names and log lines. */
    public String shortForm() {
        return value.toString().substring(0, 8);
    }

    @Override
    public String toString() {
        return value.toString();
    }

    private static String abbreviate(String text) {
        String printable = text.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
