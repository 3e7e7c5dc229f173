package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.schema.Requirement;

/**
 * What an OQ test exercises. A requirement belongs to the first theme (in declaration order) whose
 * wording it uses, so a signature requirement is tested as a signature even if it also mentions
 * the audit trail; requirements that match none are core functions. Words are read in the sense
 * of the system kind, so peak integration in a chromatography system is processing, not an interface.
 */
enum TestTheme {
    E_SIGNATURE("Electronic signature test", "electronic signature",
        "\\be-?signatures?\\b|\\belectronic signatures?\\b|\\belectronic review\\b|\\bdigital signatures?\\b|\\bsign(ing|ed)? off\\b|\\bdual (e-?)?signature",
        List.of("The signature manifestation shows the signer's printed name, the date and time, and the meaning of the signing (21 CFR 11.50)",
            "The signature is linked to its record and cannot be copied, excised or transferred (21 CFR 11.70)",
            "Signing requires two distinct identification components, such as user ID and password (21 CFR 11.200)")),
    AUDIT_TRAIL("Audit trail and data integrity test", "audit trail and data integrity",
        "\\baudit[- ]trails?\\b|\\balcoa\\+?|\\bdata integrity\\b|\\bimmutable\\b|\\bappend-only\\b|\\blineage\\b|\\btraceab",
        List.of("Each create, modify and delete action leaves an audit trail entry with user, date and time, old and new value, and reason",
            "Audit trail entries cannot be modified or deleted by any user role")),
    ACCESS("Security and access control test", "security and access control",
        "\\brole[- ]based\\b|\\baccess control|\\buser roles?\\b|\\bauthori[sz]|\\bauthenticat|\\bpasswords?\\b|\\bleast privilege|"
            + "\\bsso\\b|\\bldap\\b|\\bactive directory\\b|\\b(ad|oidc|saml)\\b|\\bencrypt|\\bsecurity\\b|\\bread-only access\\b|\\bpermissions?\\b",
        List.of("A user without the required role is refused and the refused attempt is recorded",
            "Each role can perform exactly the functions assigned to it in the approved role matrix")),
    RECORDS("Record retention, backup and archive test", "record retention, backup and archiving",
        "\\bretention\\b|\\bretain(ed)?\\b|\\barchiv|\\bbackup\\b|\\brestore\\b|\\brecovery\\b|\\bdisaster\\b",
        List.of("Records restored from backup or archive are complete and identical to the originals, including metadata and audit trail",
            "Records remain retrievable and readable for the stated retention period")),
    CALCULATION("Calculation and algorithm verification", "calculations and algorithms",
        "\\bcalculat|\\balgorithms?\\b|\\bmodels?\\b|\\bpredict|\\bforecast|\\bscor(e|ing)\\b|\\bstatistic|\\bregression\\b|"
            + "\\boptimi[sz]|\\bmultivariate\\b|\\bformula|\\bcontrol limits?\\b|\\bmachine learning\\b",
        List.of("Results match an independent calculation of the same input data, including boundary and out-of-range values",
            "Invalid or incomplete input is rejected with a clear message and no result is produced")),
    PROCESSING("Chromatographic processing test", "peak integration and reprocessing",
        "\\bpeak processing\\b|\\bpeak detection\\b|\\breprocess|\\bsystem suitability\\b|\\bchromatogra",
        List.of("Peak areas, retention times and system suitability results of the reference chromatograms match their known values",
            "Manual integration and reprocessing are flagged, need a reason and keep the original result")),
    INTERFACE("Interface and data transfer test", "interfaces and data transfer",
        "\\binterfac|\\bintegrat|\\bapis?\\b|\\bconnectors?\\b|\\bexport|\\bimport|\\bexchange|\\bsynchroni[sz]|\\bupload|\\bdownload|"
            + "\\bpush|\\bpull\\b|\\bpolling\\b|\\bepcis\\b|\\bhl7\\b|\\brs-232\\b|\\bopc\\b|\\bmodbus\\b|"
            + "\\b(communication|sensor|standard|proprietary|wireless) protocols?\\b",
        List.of("Data transferred arrives complete and unchanged, checked field by field against the source",
            "A failed or interrupted transfer is detected, reported and does not leave partial data")),
    ALARM("Alarm and notification test", "alarms and notifications",
        "\\balarms?\\b|\\balerts?\\b|\\bnotif|\\bescalat|\\breminders?\\b|\\bexcursions?\\b",
        List.of("The alarm or notification is raised when the limit is crossed and only then",
            "The alarm is delivered to the configured recipients within the stated time")),
    WORKFLOW("Workflow and business rule test", "workflows and business rules",
        "\\bworkflows?\\b|\\brules?\\b|\\btwo-stage\\b|\\bmulti-stage\\b|\\boos\\b|\\blifecycle\\b|\\bstates?\\b|\\bapprovals?\\b|\\brouting\\b|\\bhold\\b|\\bqueue\\b|\\boverride\\b",
        List.of("Each allowed state transition succeeds and each disallowed one is refused",
            "Rules are applied exactly as specified for every branch, including exceptions")),
    PERFORMANCE("Performance and capacity test", "performance and capacity",
        "\\bwithin \\d|(?:<|≤|≥) ?\\d|\\bresponse time\\b|\\bavailability\\b|\\buptime\\b|\\bconcurrent\\b|\\bthroughput\\b|"
            + "\\bcapacity\\b|\\bper (day|hour|second|minute)\\b|\\blatency\\b|\\bup to \\d",
        List.of("The stated limit is met under the stated load, measured and recorded")),
    REPORTING("Report and display verification", "reports and displays",
        "\\breports?\\b|\\bdashboards?\\b|\\bdisplays?\\b|\\bviews?\\b|\\bcharts?\\b|\\btrending\\b|\\bprint",
        List.of("Reported and displayed values match the underlying records",
            "Reports carry the identification, date and version needed to be a controlled record")),
    CORE("Functional test", "core functions",
        "(?!)",
        List.of("The function behaves as the requirement states under normal use"));

    private final String testType;
    private final String area;
    private final Pattern pattern;
    private final List<String> criteria;

    TestTheme(String testType, String area, String regex, List<String> criteria) {
        this.testType = testType;
        this.area = area;
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        this.criteria = criteria;
    }

    /** Challenges that make sense beyond the positive test: load limits are stressed, not refused. */
    boolean refusesInvalidInput() {
        return this != PERFORMANCE;
    }

    /** Positive test plus the challenges that make sense for the theme. */
    int maxTestsPerRequirement() {
        return refusesInvalidInput() ? 3 : 2;
    }

    /**
     * Part 11 and Annex 11 controls each deserve a test of their own: a reviewer looks for the
     * signature, audit trail and access tests by name, so they are the last to share a combined test.
     */
    boolean isRegulatoryControl() {
        return this == E_SIGNATURE || this == AUDIT_TRAIL || this == ACCESS;
    }

    /** Core functions are the least specific; extra tests go to themes with sharper things to test. */
    double allocationWeight() {
        return this == CORE ? 0.5 : 1.0;
    }

    String testType() {
        return testType;
    }

    String area() {
        return area;
    }

    /** Criteria every test of this theme checks, beyond the requirement's own. */
    List<String> criteria() {
        return criteria;
    }

    static TestTheme of(Requirement requirement, SystemKind kind) {
        String text = kind.inSense(requirement.getText() + " " + String.join(" ", requirement.getDetails()));
        if ("performance".equals(requirement.getKind().toLowerCase(Locale.ROOT))) {
            return PERFORMANCE;
        }
        for (TestTheme theme : values()) {
            if (theme.pattern.matcher(text).find()) {
                return theme;
            }
        }
        return CORE;
    }
}
