package dev.gampplanner.runtime.agent;

/**
 * Every reason an agent answers FAILED, the same code whichever agent answers. The code travels as
 * its name in {@code AgentResult.error.code}; what a reader does with it is in the description.
 */
public enum AgentErrorCode {
    /** The request's GAMP category is not one of 1, 3, 4, 5 (the intake never sends one; a hand-written request may). */
    INVALID_CATEGORY,
    /** The request carries no URS text. */
    EMPTY_URS,
    /** The URS states no requirement the agent could work on. */
    NO_REQUIREMENTS,
    /** The URS states no requirement and names no recognisable kind of system: no guidance can be chosen. */
    NOTHING_TO_RESEARCH,
    /** The plan's deadline had passed when the request was taken: the aggregator has closed the plan. */
    DEADLINE_PASSED,
    /** The agent did not finish within its time budget. */
    TIME_BUDGET_EXCEEDED,
    /** The result is too large to be written as a record. */
    RESULT_NOT_WRITABLE,
    /** The worker was stopped while the agent worked (retryable: another worker takes the request). */
    INTERRUPTED,
    /** A service the agent depends on (a model endpoint) did not answer; retryable. */
    UPSTREAM_UNAVAILABLE,
    /** LLM mode: the model's draft names a requirement, clause or guidance id the analysis did not produce. */
    LLM_OUTPUT_REJECTED,
    /** LLM mode: no answer of the model fitted the draft's JSON schema within the calls and budget allowed. */
    LLM_OUTPUT_INVALID,
    /** LLM mode: the model server answered 429 until the calls or the budget ran out. */
    LLM_RATE_LIMITED,
    /** LLM mode: the model server answered 5xx (or an unreadable completion) until the calls or the budget ran out. */
    LLM_SERVER_ERROR,
    /** LLM mode: the model did not answer within the call timeout or what was left of the budget. */
    LLM_TIMEOUT,
    /** LLM mode: the model server could not be reached (connection refused, unknown host). */
    LLM_UNREACHABLE,
    /** LLM mode: the model server refused the request (401, 403, 404, 400: key, model name or request size). */
    LLM_REQUEST_REFUSED,
    /** LLM mode: every model call slot of the instance stayed busy for the rest of the budget (GAMP_LLM_CONCURRENCY). */
    LLM_BUSY,
    /** The agent failed in a way it did not name (a defect). */
    AGENT_ERROR
}
