package dev.gampplanner.llm;

import java.time.Duration;
import java.util.function.IntFunction;

import org.apache.avro.specific.SpecificRecord;

import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.Answer;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ExchangeOutcome;
import dev.gampplanner.schema.ModelGeneration;

/**
 * Asks the model for a draft until one passes the analysis's checks, the model fails for good, or the line says to
 * stop. Nothing here reads a clock: what happens is decided by the exchanges, so replaying them decides the same.
 *
 * <p>Outcomes: a draft that names an id the analysis did not produce is rejected at once ({@code LLM_OUTPUT_REJECTED});
 * an answer that does not fit the schema is asked for again, and once no call is left fails as
 * {@code LLM_OUTPUT_INVALID}; 429, 5xx, timeouts and refused connections are retried after a backoff (429 after its
 * Retry-After), then fail as {@code LLM_RATE_LIMITED}, {@code LLM_SERVER_ERROR}, {@code LLM_TIMEOUT} or
 * {@code LLM_UNREACHABLE}; another 4xx fails at once as {@code LLM_REQUEST_REFUSED}, and a request that found no free
 * call slot within its budget as {@code LLM_BUSY}. A failure never falls back to the deterministic payload.
 */
final class Drafting<P extends SpecificRecord, D> {

    /** The start of an unreadable answer is enough to see what went wrong. */
    private static final int SHOWN_CHARS = 300;

    private final DraftSpec<P, D> spec;
    private final String model;
    private final IntFunction<Duration> backoff;

    Drafting(DraftSpec<P, D> spec, String model, IntFunction<Duration> backoff) {
        this.spec = spec;
        this.model = model;
        this.backoff = backoff;
    }

    Answer draft(AgentRequest request, P analysis, ModelLine line) throws AgentException {
        Prompt prompt = spec.prompt(request, analysis);
        if (!spec.needsModel(analysis)) {
            return new Answer(analysis, generation(prompt, line));
        }
        while (true) {
            Attempt<D> attempt = attempt(prompt, line);
            Problem problem = attempt.problem();
            if (attempt.draft() != null) {
                DraftCheck check = new DraftCheck();
                spec.check(attempt.draft(), analysis, check);
                if (check.rejected()) {
                    throw AgentException.modelFailure(AgentErrorCode.LLM_OUTPUT_REJECTED, model + "'s draft names what the analysis "
                        + "did not produce: " + check.inventions(), generation(prompt, line));
                }
                if (!check.invalid()) {
                    return new Answer(spec.merge(analysis, attempt.draft()), generation(prompt, line));
                }
                problem = new Problem(AgentErrorCode.LLM_OUTPUT_INVALID, "the answer does not fit the draft schema: "
                    + check.malformations(), true, Duration.ZERO);
            }
            if (!problem.retryable() || !line.another(problem.pause())) {
                throw AgentException.modelFailure(problem.code(), model + " gave no usable draft in " + line.exchanges().size()
                    + " call(s); the last: " + problem.message(), generation(prompt, line));
            }
        }
    }

    /** One call: the draft the answer parsed into, or why there is none. */
    private Attempt<D> attempt(Prompt prompt, ModelLine line) {
        try {
            D draft = line.call(chat -> spec.ask(chat, prompt));
            return draft == null
                ? new Attempt<>(null, new Problem(AgentErrorCode.LLM_OUTPUT_INVALID, "the answer is empty", true, Duration.ZERO))
                : new Attempt<>(draft, null);
        } catch (RuntimeException unreadable) {
            // AiServices could not read the answer as the draft record, unless the call itself brought no answer.
            return new Attempt<>(null, Exchanges.cause(unreadable, ModelCallFailed.class)
                .map(failed -> Problem.of(failed, backoff.apply(line.exchanges().size())))
                .orElseGet(() -> new Problem(AgentErrorCode.LLM_OUTPUT_INVALID, "the answer is not the draft's JSON: "
                    + shorten(String.valueOf(unreadable.getMessage())), true, Duration.ZERO)));
        }
    }

    private ModelGeneration generation(Prompt prompt, ModelLine line) {
        return new ModelGeneration(spec.templateVersion(), prompt.sha256(), line.exchanges());
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "\u2026";
    }

    private record Attempt<D>(D draft, Problem problem) {
    }

    /** Why an attempt gave no draft, and whether and after how long to try again. */
    private record Problem(AgentErrorCode code, String message, boolean retryable, Duration pause) {

        static Problem of(ModelCallFailed failed, Duration backoff) {
            ExchangeOutcome outcome = failed.exchange().getOutcome();
            String detail = failed.exchange().getDetail();
            return switch (outcome) {
                case RATE_LIMITED -> new Problem(AgentErrorCode.LLM_RATE_LIMITED, detail, true, failed.retryAfter().orElse(backoff));
                case SERVER_ERROR -> new Problem(AgentErrorCode.LLM_SERVER_ERROR, detail, true, backoff);
                case TIMEOUT -> new Problem(AgentErrorCode.LLM_TIMEOUT, detail, true, backoff);
                case UNREACHABLE -> new Problem(AgentErrorCode.LLM_UNREACHABLE, detail, true, backoff);
                case CLIENT_ERROR -> new Problem(AgentErrorCode.LLM_REQUEST_REFUSED, detail, false, Duration.ZERO);
                case NO_CALL_SLOT -> new Problem(AgentErrorCode.LLM_BUSY, detail, false, Duration.ZERO);
                case RESPONSE -> throw new IllegalStateException("an answered call is not a failure");
            };
        }
    }
}
