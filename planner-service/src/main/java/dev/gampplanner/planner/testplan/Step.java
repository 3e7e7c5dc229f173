package dev.gampplanner.planner.testplan;

/** A test step before it is numbered: what the tester does, what must happen, and what is kept as proof. */
record Step(String action, String expected, String evidence) {
}
