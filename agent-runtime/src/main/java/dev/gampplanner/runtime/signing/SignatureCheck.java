package dev.gampplanner.runtime.signing;

/** What checking one record's signature found, with the key it names (empty when it names none). */
public record SignatureCheck(Verdict verdict, String keyId, String detail) {

    public enum Verdict {
        /** Signed by a published key of the expected signer that was valid at the record's time. */
        VALID,
        /** No signature, from a signer whose keys are published. */
        UNSIGNED,
        /** No signature, from a signer that has no key published: the deployment does not sign its records. */
        NOT_SIGNING,
        /** Names a key that was never published. */
        UNKNOWN_KEY,
        /** Names another signer's key. */
        WRONG_SIGNER,
        /** Names a key of the right signer that was not valid at the record's time. */
        KEY_NOT_VALID,
        /** The signature does not verify: the record is not what the key signed. */
        BAD_SIGNATURE
    }

    /** Whether the record may be trusted as written by the expected signer (or, NOT_SIGNING, that nobody signs yet). */
    public boolean acceptable() {
        return verdict == Verdict.VALID || verdict == Verdict.NOT_SIGNING;
    }
}
