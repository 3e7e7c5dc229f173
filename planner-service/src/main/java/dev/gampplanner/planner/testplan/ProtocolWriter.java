package dev.gampplanner.planner.testplan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gampplanner.domain.SystemKind;
import dev.gampplanner.schema.TestCharter;
import dev.gampplanner.schema.TestStage;
import dev.gampplanner.schema.TestStep;
import dev.gampplanner.schema.TestVariant;

/**
 * Writes what a tester executes: prerequisites, test data, numbered steps with action, expected
 * result and evidence, and acceptance criteria taken from the requirement's own limits and detail
 * lines. An unscripted test gets a charter (scope, timebox, evidence) instead of steps.
 */
final class ProtocolWriter {

    private static final String SCREENSHOT = "Screenshot showing user, date and time";
    private static final Pattern ROLES = Pattern.compile("(?i)\\broles?:\\s*([A-Z][\\w ]+(?:,\\s*[A-Z][\\w ]+)+)");
    private static final Pattern OUT_OF_SPECIFICATION = Pattern.compile("(?i)\\bOOS\\b|out[- ]of[- ]specification");
    private static final int MINUTES_PER_REQUIREMENT = 30;
    private static final int MAX_TIMEBOX = 120;

    /**
     * What every test of a plan shares.
     *
     * @param boundaryTested requirements with a boundary test of their own; the others show every boundary value in
     *     their positive test
     */
    record Context(String system, SystemKind kind, List<String> roles, Set<String> boundaryTested) {

        static Context of(String title, SystemKind kind, List<RequirementContent> contents, Set<String> boundaryTested) {
            List<String> roles = new ArrayList<>();
            for (RequirementContent content : contents) {
                Matcher matcher = ROLES.matcher(content.requirement().getText());
                if (matcher.find()) {
                    for (String role : matcher.group(1).split(",")) {
                        roles.add(role.strip().replaceAll("\\.$", ""));
                    }
                }
            }
            if (roles.isEmpty()) {
                roles = List.of("User (performs the function)", "Reviewer or approver");
            }
            return new Context(title, kind, List.copyOf(new LinkedHashSet<>(roles)), Set.copyOf(boundaryTested));
        }

        String performer() {
            return roles.get(0);
        }
    }

    /** A test's executable content. */
    record Protocol(List<String> prerequisites, List<String> testData, List<TestStep> steps, List<String> criteria,
                    TestCharter charter) {
    }

    private ProtocolWriter() {
    }

    static Protocol write(Context context, TestTheme theme, TestVariant variant, boolean combined, List<RequirementContent> contents,
                          TestStage stage, boolean scripted) {
        List<String> prerequisites = prerequisites(context, theme, stage);
        List<String> data = testData(context, theme, variant, contents);
        List<Step> steps = switch (stage) {
            case IQ -> installationSteps(context);
            case PQ -> longRunSteps(contents);
            case OQ -> switch (variant) {
                case POSITIVE -> positiveSteps(context, theme, contents);
                case NEGATIVE -> negativeSteps(context, theme, contents);
                case BOUNDARY -> boundarySteps(context, contents);
            };
        };
        List<String> criteria = criteria(theme, variant, combined, contents, stage);
        if (!scripted) {
            return new Protocol(prerequisites, data, List.of(), criteria, charter(theme, contents, steps));
        }
        List<TestStep> numbered = new ArrayList<>();
        for (Step step : steps) {
            numbered.add(new TestStep(numbered.size() + 1, step.action(), step.expected(), step.evidence()));
        }
        return new Protocol(prerequisites, data, numbered, criteria, null);
    }

    private static List<String> prerequisites(Context context, TestTheme theme, TestStage stage) {
        List<String> prerequisites = new ArrayList<>();
        if (stage == TestStage.IQ) {
            prerequisites.add("Supplier release notes, installation manual and the approved configuration baseline of " + context.system());
            prerequisites.add("Supplier assessment accepted");
            return prerequisites;
        }
        prerequisites.add("IQ of " + context.system() + " approved, its deviations closed");
        prerequisites.add("Configuration baseline (software version and configuration export) recorded under change control");
        prerequisites.add("Test accounts, one per role, issued to the testers personally: " + String.join(", ", context.roles())
            + ", and a user without the privilege under test");
        prerequisites.add("Server clock synchronised with the site time source; time zone recorded");
        if (stage == TestStage.OQ) {
            prerequisites.addAll(ThemeProtocol.prerequisites(theme, context.kind()));
        } else {
            prerequisites.add("Access to the system's monitoring and event logs for the whole observation period, and to the "
                + "supplier's evidence (service reports, availability records, media specifications)");
        }
        return prerequisites;
    }

    private static List<String> testData(Context context, TestTheme theme, TestVariant variant, List<RequirementContent> contents) {
        List<String> data = new ArrayList<>();
        for (RequirementContent content : contents) {
            String id = content.id();
            for (Limit limit : content.limits()) {
                String values = variant == TestVariant.BOUNDARY && limit.challengeable()
                    ? ": " + String.join(", ", limit.cases().stream().map(c -> c.value() + " (" + c.position() + ")").toList())
                    : "";
                data.add(id + ": " + limit.quantity() + " " + limit.comparison() + " (stated as \"" + limit.phrase().strip() + "\")"
                    + values);
                if (limit.bound() == Limit.Bound.EXACT && limit.unit().startsWith("character")) {
                    int length = limit.value().intValue();
                    data.add(id + ": sample values of " + (length - 1) + ", " + length + " and " + (length + 1) + " characters: "
                        + sample(length - 1) + ", " + sample(length) + ", " + sample(length + 1));
                }
            }
            switch (theme) {
                case INTERFACE -> data.add(id + ": 10 test records with distinct values in every mapped field, exchanged with "
                    + content.counterpart());
                case CALCULATION, PROCESSING -> data.add(id + ": reference data set REF-" + id + " with inputs and independently "
                    + "calculated expected results");
                case AUDIT_TRAIL, E_SIGNATURE, WORKFLOW -> data.add(id + ": test record TR-" + id + " created for this test");
                default -> {
                }
            }
        }
        if (data.isEmpty()) {
            data.add("Test records and master data created for this test, identified in the test log; role of each user: "
                + String.join(", ", context.roles()));
        }
        return data;
    }

    private static List<Step> positiveSteps(Context context, TestTheme theme, List<RequirementContent> contents) {
        List<Step> steps = new ArrayList<>();
        for (RequirementContent content : contents) {
            steps.add(new Step("Log in as " + context.performer() + " and open the function of " + content.id(),
                "The function is available to the role and the user name is shown", SCREENSHOT));
            int before = steps.size();
            for (DetailCheck detail : content.plainDetails()) {
                steps.add(new Step("Perform with the test data: " + detail.detail(), detail.expected(),
                    "Screenshot of the saved record"));
            }
            for (Limit limit : content.limits()) {
                steps.addAll(limitSteps(limit, context.boundaryTested().contains(content.id())));
            }
            if (steps.size() == before) {
                steps.add(themeStep(theme, content));
            }
        }
        steps.add(new Step("Open the records and the audit trail created during the test",
            "Every record created by the test is complete and shows user, date and time", "Record printout or export"));
        return steps;
    }

    /**
     * Both sides of a limit in a positive test when a boundary test adds the value at the limit itself; every
     * boundary value when there is none.
     */
    private static List<Step> limitSteps(Limit limit, boolean boundaryTested) {
        String evidence = "Applied or measured value with its timestamp (log or screenshot)";
        if (!limit.challengeable()) {
            return List.of(new Step("Measure " + limit.quantity() + " under the test conditions",
                limit.quantity() + " " + limit.comparison() + "; the measured value is recorded", evidence));
        }
        List<Limit.Case> cases = limit.cases();
        if (!boundaryTested) {
            return cases.stream().map(c -> new Step("Apply " + limit.quantity() + " = " + c.value() + " (" + c.position() + ", limit "
                + limit.comparison() + ")", capitalise(c.expected()), evidence)).toList();
        }
        Limit.Case inside = cases.stream().filter(c -> c.position().startsWith("just inside") || c.position().equals("exactly"))
            .findFirst().orElse(cases.get(0));
        Limit.Case beyond = cases.stream().filter(c -> c.position().startsWith("just beyond") || c.position().equals("one above"))
            .findFirst().orElse(cases.get(cases.size() - 1));
        return List.of(
            new Step("Apply " + limit.quantity() + " = " + inside.value() + " (" + inside.position() + ", limit " + limit.comparison() + ")",
                capitalise(inside.expected()), evidence),
            new Step("Apply " + limit.quantity() + " = " + beyond.value() + " (" + beyond.position() + ")",
                capitalise(beyond.expected()), evidence));
    }

    private static Step themeStep(TestTheme theme, RequirementContent content) {
        return switch (theme) {
            case AUDIT_TRAIL -> new Step("Create, modify (entering a reason) and delete test record TR-" + content.id(),
                "Each action appears in the audit trail with user, date and time, old and new value, and reason",
                "Audit trail extract");
            case E_SIGNATURE -> new Step("Sign test record TR-" + content.id() + " with user ID and password, choosing its meaning",
                "The record is signed; the signature shows printed name, date and time and meaning, and is linked to the record",
                "Screen capture and printout of the signed record");
            case ACCESS -> new Step("Log in with each role of the role matrix and open every function listed in it",
                "Each role can use exactly the functions assigned to it", "Completed role matrix with one screenshot per role");
            case RECORDS -> new Step("Back up the test records, restore them into the restore target and compare with the originals",
                "The restored records are complete and identical, including metadata and audit trail", "Backup and restore logs, comparison report");
            case CALCULATION -> new Step("Run the calculation on reference data set REF-" + content.id(),
                "Every result equals the independently calculated value to the reported precision", "Comparison table of calculated and expected values");
            case PROCESSING -> new Step("Process the reference chromatograms with the configured processing method",
                "Peak areas, retention times and system suitability results equal the reference values within the stated tolerance",
                "Result report and comparison table");
            case INTERFACE -> new Step("Send the 10 test records to " + content.counterpart() + " and compare sent and received data",
                "Record counts are equal and every mapped field is identical", "Interface log and field-by-field comparison");
            case ALARM -> new Step("Simulate the alarm condition of " + content.id() + " by crossing its limit",
                "The alarm is raised, displayed and delivered to the configured recipients, and recorded with time and value",
                "Alarm log entry and the delivered notification");
            case WORKFLOW -> OUT_OF_SPECIFICATION.matcher(content.requirement().getText()).find()
                ? new Step("Enter a result outside the specification limit for a test sample of " + content.id(),
                    "The result is flagged OOS, the configured rule opens an OOS investigation, and the result cannot be approved "
                        + "before the investigation is closed", "Result record, OOS flag and investigation record")
                : new Step("Take test record TR-" + content.id() + " through every state of the workflow with the configured roles",
                "Each allowed transition succeeds and records who made it and when", "Record history and audit trail extract");
            case PERFORMANCE -> new Step("Apply the stated load and measure the response", "The stated target is met",
                "Load tool report");
            case REPORTING -> new Step("Generate the report for the test period and compare each value with the source records",
                "Every value matches its source record; the report carries its identification, date and version", "Report printout marked up against the records");
            case CORE -> new Step("Carry out the function of " + content.id() + " with the test data",
                "The result is produced and stored with user, date and time", "Screenshot of the result");
        };
    }

    private static List<Step> negativeSteps(Context context, TestTheme theme, List<RequirementContent> contents) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Log in as " + context.performer() + (contents.isEmpty() ? " and open the " + theme.area()
            + " functions of the system" : " and open the function of " + String.join(", ", contents.stream()
            .map(RequirementContent::id).toList())), "The function is available to the role", SCREENSHOT));
        steps.addAll(ThemeProtocol.challenges(theme, context.kind()));
        steps.add(new Step("Review the audit trail and security log for the period of the test",
            "Every refused attempt is recorded with user, date and time; no record was created or changed by one", "Log extract"));
        return steps;
    }

    private static List<Step> boundarySteps(Context context, List<RequirementContent> contents) {
        List<Step> steps = new ArrayList<>();
        for (RequirementContent content : contents) {
            for (Limit limit : content.challengeableLimits()) {
                steps.add(new Step("Set up " + limit.quantity() + " for " + content.id() + " (limit " + limit.comparison()
                    + ") and record the configured limit", "The configured limit equals the requirement's " + limit.stated(),
                    "Configuration screenshot"));
                for (Limit.Case c : limit.cases()) {
                    steps.add(new Step("Apply " + c.value() + " (" + c.position() + ")", capitalise(c.expected()),
                        "Applied value, system response and timestamp (screenshot or log)"));
                }
            }
        }
        return steps;
    }

    private static List<Step> installationSteps(Context context) {
        return List.of(
            new Step("Record the installed product name, version and build from the system's version screen or installation log",
                "They match the supplier's release note and the approved configuration baseline", "Screenshot of the version screen"),
            new Step("Compare the installed components with the supplier's installation manifest or checksums",
                "No component differs: the vendor software is installed unmodified", "Checksum or manifest comparison report"),
            new Step("Check server, operating system, database and client versions and licences against the IQ specification",
                "Each matches the specification", "Completed IQ checklist"),
            new Step("Confirm the supplier assessment and the supplier's release and test documentation are filed",
                "Both are available and approved", "Document references"));
    }

    private static List<Step> longRunSteps(List<RequirementContent> contents) {
        List<Step> steps = new ArrayList<>();
        for (RequirementContent content : contents) {
            String limits = content.limits().isEmpty() ? "the stated target"
                : String.join(" and ", content.limits().stream().map(l -> l.quantity() + " " + l.comparison()).toList());
            steps.add(new Step("Over the PQ period (at least 30 days of routine use) collect the monitoring and event log data "
                + "that bear on " + content.id(), "The data cover the whole period without gaps", "Log export for the period"));
            steps.add(new Step("Calculate " + limits + " from that data (for a retention period: projected storage and media life)",
                "The result meets " + limits, "Calculation sheet, reviewed by a second person"));
            steps.add(new Step("Obtain the supplier's evidence for " + content.id() + " (availability records, service level "
                + "reports, media and format specifications)", "It supports the calculated result for the full stated period",
                "Supplier document references"));
        }
        return steps;
    }

    private static List<String> criteria(TestTheme theme, TestVariant variant, boolean combined, List<RequirementContent> contents,
                                         TestStage stage) {
        List<String> criteria = new ArrayList<>();
        for (RequirementContent content : contents) {
            content.clarify().ifPresent(reason -> criteria.add(content.id() + ": to be clarified before execution (" + reason
                + "); this test covers only the regulatory controls of its theme"));
            if (variant == TestVariant.BOUNDARY) {
                for (Limit limit : content.challengeableLimits()) {
                    for (Limit.Case c : limit.cases()) {
                        criteria.add(content.id() + ": " + limit.quantity() + " at " + c.value() + " (" + c.position() + "): "
                            + c.expected());
                    }
                }
                continue;
            }
            for (Limit limit : content.limits()) {
                criteria.add(content.id() + ": " + limit.quantity() + " " + limit.comparison() + (stage == TestStage.PQ
                    ? ", shown over the PQ period or by calculation and supplier evidence"
                    : limit.bound() == Limit.Bound.EXACT ? "; shorter and longer values are refused"
                    : ", each applied or measured value recorded"));
            }
            if (variant == TestVariant.POSITIVE && stage == TestStage.OQ) {
                content.plainDetails().forEach(d -> criteria.add(content.id() + ", " + shorten(d.detail(), 70) + ": "
                    + d.criterion()));
                if (theme == TestTheme.INTERFACE) {
                    criteria.add(content.id() + ": records exchanged with " + content.counterpart()
                        + " arrive complete and unchanged (record count and every mapped field compared)");
                }
            }
        }
        switch (stage) {
            case IQ -> criteria.add("Installed product and version match the supplier's release and the configuration baseline; "
                + "no vendor component is modified");
            case PQ -> criteria.add("Each stated long-run target is met over the PQ period, by calculation from the logs or by "
                + "supplier evidence, and the calculation is reviewed");
            case OQ -> {
                if (variant == TestVariant.NEGATIVE) {
                    criteria.add("Every challenge is refused or detected as its step expects; no refused attempt creates or changes "
                        + "a record");
                    criteria.add("Every refused attempt is recorded in the audit trail or security log with user, date and time");
                } else if (variant == TestVariant.POSITIVE && !combined) {
                    criteria.addAll(theme.criteria());
                } else if (combined) {
                    criteria.add("Each covered function produces its result with the test data and stores it with user, date and time");
                }
            }
        }
        return criteria;
    }

    private static TestCharter charter(TestTheme theme, List<RequirementContent> contents, List<Step> steps) {
        String focus = String.join("; ", steps.stream().map(Step::action).filter(a -> !a.startsWith("Log in")).limit(4)
            .map(a -> lowerFirst(shorten(a, 90))).toList());
        String scope = "Explore " + theme.area() + " for " + String.join(", ", contents.stream().map(RequirementContent::id).toList())
            + (focus.isEmpty() ? "" : "; include: " + focus);
        int timebox = Math.min(MAX_TIMEBOX, MINUTES_PER_REQUIREMENT * contents.size());
        return new TestCharter(scope, timebox, "Session log with tester, date, time spent, what was tried and each anomaly "
            + "found (with screenshots); reviewed and signed by QA");
    }

    /** A readable sample value of the given length: "B7K2M9Q4T1" for 10. */
    private static String sample(int length) {
        String pattern = "B7K2M9Q4T1X8P3W6R5N0";
        StringBuilder value = new StringBuilder();
        while (value.length() < length) {
            value.append(pattern);
        }
        return value.substring(0, Math.max(0, length));
    }

    static String shorten(String text, int length) {
        if (text.length() <= length) {
            return text;
        }
        int cut = text.lastIndexOf(' ', length - 3);
        return text.substring(0, cut > length / 2 ? cut : length - 3) + "...";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
