package dev.gampplanner.planner.testplan;

import java.util.List;
import java.util.Locale;

import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.planner.text.ScreenedPattern;
import dev.gampplanner.schema.Requirement;

/**
 * What an OQ test exercises. A requirement belongs to the first theme (in declaration order) whose
 * wording it uses, so a signature requirement is tested as a signature even if it also mentions
 * the audit trail; requirements that match none are core functions. Words are read in the sense
 * of the system kind, so peak integration in a chromatography system is processing, not an interface.
 */
enum TestTheme {
    E_SIGNATURE("Electronic signature test", "electronic signature",
        "\\b(?:e-?signatures?\\b|electronic signatures?\\b|electronic review\\b|digital signatures?\\b|sign(ing|ed)? off\\b|dual (e-?)?signature)",
        List.of("The signature manifestation shows the signer's printed name, the date and time, and the meaning of the signing (21 CFR 11.50)",
            "The signature is linked to its record and cannot be copied, excised or transferred (21 CFR 11.70)",
            "Signing requires two distinct identification components, such as user ID and password (21 CFR 11.200)")),
    AUDIT_TRAIL("Audit trail and data integrity test", "audit trail and data integrity",
        "\\b(?:audit[- ]trails?\\b|alcoa\\+?|data integrity\\b|immutable\\b|append-only\\b|lineage\\b|traceab)",
        List.of("Each create, modify and delete action leaves an audit trail entry with user, date and time, old and new value, and reason",
            "Audit trail entries cannot be modified or deleted by any user role")),
    ACCESS("Security and access control test", "security and access control",
        "\\b(?:role[- ]based\\b|access control|user roles?\\b|authori[sz]|authenticat|passwords?\\b|least privilege|"
            + "sso\\b|ldap\\b|active directory\\b|(ad|oidc|saml)\\b|encrypt|security\\b|read-only access\\b|permissions?\\b)",
        List.of("A user without the required role is refused and the refused attempt is recorded",
            "Each role can perform exactly the functions assigned to it in the approved role matrix")),
    RECORDS("Record retention, backup and archive test", "record retention, backup and archiving",
        "\\b(?:retention\\b|retain(ed)?\\b|archiv|backup\\b|restore\\b|recovery\\b|disaster\\b)",
        List.of("Records restored from backup or archive are complete and identical to the originals, including metadata and audit trail",
            "Records remain retrievable and readable for the stated retention period")),
    CALCULATION("Calculation and algorithm verification", "calculations and algorithms",
        "\\b(?:calculat|algorithms?\\b|models?\\b|predict|forecast|scor(e|ing)\\b|statistic|regression\\b|"
            + "optimi[sz]|multivariate\\b|formula|control limits?\\b|machine learning\\b)",
        List.of("Results match an independent calculation of the same input data, including boundary and out-of-range values",
            "Invalid or incomplete input is rejected with a clear message and no result is produced")),
    PROCESSING("Chromatographic processing test", "peak integration and reprocessing",
        "\\b(?:peak processing\\b|peak detection\\b|reprocess|system suitability\\b|chromatogra)",
        List.of("Peak areas, retention times and system suitability results of the reference chromatograms match their known values",
            "Manual integration and reprocessing are flagged, need a reason and keep the original result")),
    INTERFACE("Interface and data transfer test", "interfaces and data transfer",
        "\\b(?:interfac|integrat|apis?\\b|connectors?\\b|export|import|exchange|synchroni[sz]|upload|download|"
            + "push|pull\\b|polling\\b|epcis\\b|hl7\\b|rs-232\\b|opc\\b|modbus\\b|"
            + "(communication|sensor|standard|proprietary|wireless) protocols?\\b)",
        List.of("Data transferred arrives complete and unchanged, checked field by field against the source",
            "A failed or interrupted transfer is detected, reported and does not leave partial data")),
    ALARM("Alarm and notification test", "alarms and notifications",
        "\\b(?:alarms?\\b|alerts?\\b|notif|escalat|reminders?\\b|excursions?\\b)",
        List.of("The alarm or notification is raised when the limit is crossed and only then",
            "The alarm is delivered to the configured recipients within the stated time")),
    WORKFLOW("Workflow and business rule test", "workflows and business rules",
        "\\b(?:workflows?|rules?|two-stage|multi-stage|oos|lifecycle|states?|approvals?|routing|hold|queue|override)\\b",
        List.of("Each allowed state transition succeeds and each disallowed one is refused",
            "Rules are applied exactly as specified for every branch, including exceptions")),
    PERFORMANCE("Performance and capacity test", "performance and capacity",
        "(?:<|≤|≥) ?\\d|\\b(?:within \\d|response time\\b|availability\\b|uptime\\b|concurrent\\b|throughput\\b|"
            + "capacity\\b|per (day|hour|second|minute)\\b|latency\\b|up to \\d)",
        List.of("The stated limit is met under the stated load, measured and recorded")),
    REPORTING("Report and display verification", "reports and displays",
        "\\b(?:reports?\\b|dashboards?\\b|displays?\\b|views?\\b|charts?\\b|trending\\b|print)",
        List.of("Reported and displayed values match the underlying records",
            "Reports carry the identification, date and version needed to be a controlled record")),
    CORE("Functional test", "core functions",
        "(?!)",
        List.of("The function behaves as the requirement states under normal use"));

    private final String testType;
    private final String area;
    private final ScreenedPattern pattern;
    private final List<String> criteria;

    TestTheme(String testType, String area, String regex, List<String> criteria) {
        this.testType = testType;
        this.area = area;
        this.pattern = ScreenedPattern.compile(regex);
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
        if ("performance".equals(requirement.getKind().toLowerCase(Locale.ROOT))) {
            return PERFORMANCE;
        }
        String text = kind.inSense(requirement.getText() + " " + String.join(" ", requirement.getDetails()));
        String folded = ScreenedPattern.fold(text);
        for (TestTheme theme : values()) {
            if (theme.pattern.find(text, folded)) {
                return theme;
            }
        }
        return CORE;
    }
}
