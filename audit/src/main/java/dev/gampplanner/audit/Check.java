package dev.gampplanner.audit;

/** One check on one record: what was checked, and whether it held. */
public record Check(LogRecord record, boolean ok, Kind kind, String text) {

    /** What is wrong with a record or a link. */
    public enum Kind {
        /** A record whose digest link points at a record that exists but is different. */
        FORGED,
        /** A record that a link or the contract requires is not on its topic. */
        MISSING,
        /** A record that belongs to no plan. */
        ORPHAN,
        /** A request or plan answered more than once. */
        DUPLICATE_ANSWER,
        /** A request or plan not answered although its deadline (plus grace) has passed. */
        UNANSWERED
    }

    static Check pass(LogRecord record, String text) {
        return new Check(record, true, null, text);
    }

    static Check fail(LogRecord record, Kind kind, String text) {
        return new Check(record, false, kind, text);
    }
}
