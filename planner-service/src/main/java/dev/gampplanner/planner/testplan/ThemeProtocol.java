package dev.gampplanner.planner.testplan;

import java.util.ArrayList;
import java.util.List;

import dev.gampplanner.domain.SystemKind;

/**
 * What a theme's tests need before they start and how the theme is challenged: the negative steps
 * a reviewer looks for under each theme (edit or delete an audit trail entry, sign with the wrong
 * password, escalate a privilege ...), not one "invalid input" step for all.
 */
final class ThemeProtocol {

    private static final String SCREENSHOT = "Screenshot showing user, date and time";
    private static final String AUDIT_EXTRACT = "Audit trail extract covering the attempt";

    private ThemeProtocol() {
    }

    /** Set-up beyond the common prerequisites. */
    static List<String> prerequisites(TestTheme theme, SystemKind kind) {
        return switch (theme) {
            case E_SIGNATURE -> List.of("Two users with the signing privilege and one without it; signature meanings configured "
                + "(for example authored, reviewed, approved) and recorded");
            case AUDIT_TRAIL -> List.of("Audit trail enabled as configured and its configuration recorded; an administrator "
                + "account available to attempt changes to the audit trail");
            case ACCESS -> List.of("Approved role matrix (roles against functions); one account per role; account lockout "
                + "policy (failed attempts before lock) configured and recorded");
            case RECORDS -> List.of("Backup and archive jobs configured as specified; a restore target separate from the "
                + "production data; a checksum or record count tool for comparing restored data");
            case CALCULATION -> List.of("Reference data set with expected results calculated independently (verified "
                + "spreadsheet or hand calculation), approved before execution, including boundary and out-of-range inputs");
            case PROCESSING -> List.of("Reference chromatograms (system suitability and sample injections) with known peak "
                + "areas, retention times and resolution; processing method and its version recorded");
            case INTERFACE -> List.of("Test instance of each connected system reachable; interface configuration and field "
                + "mapping specification approved; test records prepared in the sending system");
            case ALARM -> kind == SystemKind.EMS
                ? List.of("Calibrated reference probe or signal simulator connected to the test channel; set point, alarm "
                    + "limits and alarm delay configured and recorded", "Alarm recipients configured, with a test pager or "
                    + "mailbox the tester can read")
                : List.of("Alarm or notification conditions, limits and recipients configured and recorded; a test "
                    + "mailbox or device the tester can read");
            case WORKFLOW -> List.of("Workflow configuration (states, transitions, rules) exported and approved; test "
                + "records in each starting state");
            case PERFORMANCE -> List.of("Load generator or scripted sessions able to produce the stated load; timestamps "
                + "taken from the system log or a calibrated timer");
            case REPORTING -> List.of("Records with known values created for the reporting period; the approved report "
                + "template and its version");
            case CORE -> List.of("Master data the function needs set up and recorded");
        };
    }

    /** The challenges of a negative test of the theme, specific to what the theme protects. */
    static List<Step> challenges(TestTheme theme, SystemKind kind) {
        List<Step> steps = new ArrayList<>();
        switch (theme) {
            case AUDIT_TRAIL -> {
                steps.add(new Step("As administrator, open an existing audit trail entry and try to change its content",
                    "No role can edit an audit trail entry; the attempt is refused", AUDIT_EXTRACT));
                steps.add(new Step("As administrator, try to delete an audit trail entry, directly and by deleting the record it "
                    + "belongs to", "The entry cannot be deleted; deleting the record leaves its audit trail in place",
                    AUDIT_EXTRACT));
                steps.add(new Step("Try to disable the audit trail in the configuration",
                    "Disabling is refused, or needs a privileged role and is itself recorded with user, time and reason",
                    "Configuration screen and the audit trail entry of the change"));
                steps.add(new Step("Change the clock of the client workstation by one hour, then create and modify a test record",
                    "Audit trail entries carry the server's time, not the changed client time; a change of the system clock "
                        + "by a user is refused or recorded", "Audit trail entries with their times and the clock settings"));
            }
            case E_SIGNATURE -> {
                steps.add(new Step("Sign a test record with the correct user ID and a wrong password",
                    "The signature is refused, the record stays unsigned and the failed attempt is recorded", SCREENSHOT));
                steps.add(new Step("As the author of the record, try to sign it as its reviewer or approver",
                    "Refused: one person cannot author and approve the same record (segregation of duties)", SCREENSHOT));
                steps.add(new Step("Log in as a user without the signing privilege and try to sign the record",
                    "The signing function is not available or is refused", SCREENSHOT));
                steps.add(new Step("Sign the record correctly, then display and print it",
                    "The signature manifestation shows the signer's printed name, the date and time, and the meaning of the "
                        + "signature, on screen and on the printout (21 CFR 11.50)", "Screen capture and printout"));
                steps.add(new Step("Modify the signed record, and try to copy its signature to another record",
                    "The change invalidates or is blocked by the signature; the signature cannot be copied or transferred "
                        + "(21 CFR 11.70)", SCREENSHOT + " and the audit trail entry"));
            }
            case ACCESS -> {
                steps.add(new Step("Log in with the lowest-privileged role and open an administrator function through the menu "
                    + "and through its direct address", "Both are refused and the attempts are logged", SCREENSHOT));
                steps.add(new Step("As that user, try to change your own role or permissions",
                    "Refused; only the user administrator can change roles", SCREENSHOT));
                steps.add(new Step("Enter a wrong password repeatedly until the lockout limit is passed",
                    "The account is locked at the configured limit and the lockout is recorded", "Security log entry"));
                steps.add(new Step("Try to log in with the locked account using the correct password, and with a deactivated account",
                    "Both logins are refused", SCREENSHOT));
            }
            case RECORDS -> {
                steps.add(new Step("Interrupt a running backup (stop the job or disconnect its target)",
                    "The failure is reported to the administrator; the previous backup stays usable", "Job log"));
                steps.add(new Step("Try to restore from a deliberately corrupted backup copy",
                    "The corruption is detected and no partial restore is accepted", "Restore log"));
                steps.add(new Step("As a standard user, try to delete an archived record",
                    "Refused; archived records are read-only", SCREENSHOT));
            }
            case CALCULATION, PROCESSING -> {
                steps.add(new Step("Run the calculation with a required input missing",
                    "No result is produced; the missing input is named", SCREENSHOT));
                steps.add(new Step("Run it with an input outside its valid range (negative, zero divisor, out of specification)",
                    "The result is refused or flagged, never silently reported", SCREENSHOT));
                if (theme == TestTheme.PROCESSING) {
                    steps.add(new Step("Integrate one peak manually, then reprocess the injection with a changed processing method",
                        "Manual integration requires a reason and is flagged on the result; reprocessing creates a new result "
                            + "version and keeps the original; both are in the audit trail",
                        "Result versions and the audit trail extract"));
                }
            }
            case INTERFACE -> {
                steps.add(new Step("Send a malformed message (a mandatory field missing, a wrong data type)",
                    "The receiving system refuses it and reports the error; nothing is stored", "Interface log"));
                steps.add(new Step("Send the same record twice", "It is stored once; the duplicate is reported", "Interface log and record count"));
                steps.add(new Step("Interrupt the connection during a transfer, then restore it",
                    "No partial record remains; the transfer is retried or the failure is alerted", "Interface log"));
            }
            case ALARM -> {
                steps.add(new Step("Acknowledge an active alarm without entering a comment, then with a user without the privilege",
                    "Acknowledgement needs an authorised user and is recorded with user, time and comment", SCREENSHOT));
                if (kind == SystemKind.EMS) {
                    steps.add(new Step("Disconnect a sensor (or its transmitter) from the monitoring system",
                        "A sensor-loss (communication) alarm is raised within the configured delay", "Alarm log entry"));
                    steps.add(new Step("Cut the power to the data logger for 10 minutes, then restore it",
                        "Readings taken during the outage are buffered and uploaded without gaps; the outage is recorded",
                        "Trend of the period and the event log"));
                } else {
                    steps.add(new Step("Make the notification channel unavailable (mail server or recipient) and raise the condition",
                        "The delivery failure is detected and reported; the alarm stays active in the system", "Event log"));
                }
            }
            case WORKFLOW -> {
                steps.add(new Step("Try to move a record past a required state (for example straight from draft to approved)",
                    "The transition is refused", SCREENSHOT));
                steps.add(new Step("As the author of a record, try to review or approve it yourself",
                    "Refused: author and approver must be different people", SCREENSHOT));
                steps.add(new Step("Try to change a record after its final approval",
                    "The change is blocked or starts a new controlled version", SCREENSHOT + " and the audit trail entry"));
            }
            case PERFORMANCE -> steps.add(new Step("Apply twice the stated load for 10 minutes, then return to the stated load",
                "No data is lost or corrupted; the system recovers to the stated response without a restart",
                "Load tool report and record counts"));
            case REPORTING -> {
                steps.add(new Step("Change a value in a reported record, then rerun the report",
                    "The report shows the current value; the change is in the audit trail", "Both report versions"));
                steps.add(new Step("As a user without report rights, try to generate or edit the report template",
                    "Refused", SCREENSHOT));
            }
            case CORE -> {
                steps.add(new Step("Leave a mandatory field empty and save", "Saving is refused with a message naming the field",
                    SCREENSHOT));
                steps.add(new Step("Enter a value of the wrong type or format (text in a number field, an impossible date)",
                    "The value is refused with a clear message; no record is created or changed", SCREENSHOT));
            }
        }
        return steps;
    }
}
