package dev.gampplanner.planner.testplan;

/** What a test does with the requirements it covers. */
enum TestVariant {
    /** Shows the requirement met under normal use. */
    POSITIVE,
    /** Challenges the theme's protections: refused attempts, detected failures. */
    NEGATIVE,
    /** Applies values at, just inside and just beyond a limit the requirement states. */
    BOUNDARY
}
