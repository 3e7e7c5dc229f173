package dev.gampplanner.audit;

import dev.gampplanner.runtime.signing.SignatureCheck;

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
        UNANSWERED,
        /** No signature, from a role whose keys are published. */
        UNSIGNED,
        /** Signed with a key that is not published. */
        UNKNOWN_KEY,
        /** Signed with a key of another role than the one that writes the topic. */
        WRONG_SIGNER,
        /** Signed with the writer's key, but written outside that key's validity (after its retirement, say). */
        KEY_NOT_VALID,
        /** The signature does not match the record's topic, key and value: the record is not what was signed. */
        BAD_SIGNATURE,
        /** A record on the signing keys topic that publishes no usable key. */
        BAD_KEY;

        /** The failure a signature verdict is; the verdicts that are no failure (VALID, NOT_SIGNING) have none. */
        static Kind of(SignatureCheck.Verdict verdict) {
            return switch (verdict) {
                case UNSIGNED -> UNSIGNED;
                case UNKNOWN_KEY -> UNKNOWN_KEY;
                case WRONG_SIGNER -> WRONG_SIGNER;
                case KEY_NOT_VALID -> KEY_NOT_VALID;
                case BAD_SIGNATURE -> BAD_SIGNATURE;
                case VALID, NOT_SIGNING -> throw new IllegalArgumentException(verdict + " is no failure");
            };
        }
    }

    static Check pass(LogRecord record, String text) {
        return new Check(record, true, null, text);
    }

    static Check fail(LogRecord record, Kind kind, String text) {
        return new Check(record, false, kind, text);
    }
}
