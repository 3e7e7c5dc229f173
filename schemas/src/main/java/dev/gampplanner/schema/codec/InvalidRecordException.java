package dev.gampplanner.schema.codec;

/** A record value that is not a valid single-object-encoded record of the expected type. */
public final class InvalidRecordException extends RuntimeException {

    /** Why a value could not be decoded; travels in DLQ headers as a stable code. */
    public enum Reason {
        EMPTY,
        NOT_SINGLE_OBJECT_ENCODED,
        UNKNOWN_SCHEMA,
        WRONG_RECORD_TYPE,
        MALFORMED_BODY,
        TRAILING_BYTES,
        INVALID_KEY,
        TOO_LARGE
    }

    private final Reason reason;

    public InvalidRecordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidRecordException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
