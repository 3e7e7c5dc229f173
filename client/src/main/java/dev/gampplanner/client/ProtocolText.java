package dev.gampplanner.client;

import java.util.List;

import dev.gampplanner.schema.TestStage;

/**
 * The fixed wording of a protocol that every rendering (Markdown, DOCX) shares: the stage headings,
 * the execution fields a tester fills in, and the approval block with the meaning of each signature
 * as 21 CFR 11.50 requires a signed record to show it.
 */
public final class ProtocolText {

    /** One signature of the approval block. */
    public record Approval(String role, String meaning) {
    }

    public static final List<Approval> APPROVALS = List.of(
        new Approval("Author (validation engineer)", "Authored: I wrote this protocol and it reflects the approved URS and risk assessment"),
        new Approval("Reviewer (system owner / SME)", "Reviewed: the tests are technically correct and executable in the test environment"),
        new Approval("Quality Assurance", "Approved: the protocol meets the validation plan and GMP requirements and may be executed"));

    /** Filled in per step while executing. */
    public static final List<String> EXECUTION_FIELDS = List.of("Actual result", "Pass/Fail", "Tester initials and date");

    /** Filled in once per test after execution. */
    public static final List<String> TEST_SIGN_OFF = List.of("Performed by (name, signature, date)",
        "Reviewed by (name, signature, date)", "Deviation reference (if any)", "Test result (Pass/Fail)");

    public static final String SIGNATURE_NOTE = "Each signature shows the signer's printed name, the date and time of signing and "
        + "its meaning (21 CFR 11.50); electronic signatures are linked to this record (21 CFR 11.70).";

    private ProtocolText() {
    }

    public static String heading(TestStage stage) {
        return switch (stage) {
            case IQ -> "Installation qualification (IQ)";
            case OQ -> "Operational qualification (OQ)";
            case PQ -> "Performance qualification (PQ) and supplier evidence";
        };
    }
}
