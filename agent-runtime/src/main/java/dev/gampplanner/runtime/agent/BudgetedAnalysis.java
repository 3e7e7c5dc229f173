package dev.gampplanner.runtime.agent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.opentelemetry.context.Context;

import dev.gampplanner.schema.AgentRequest;

/**
 * The agent at work on one request, on a thread of its own, for at most a time budget: the worker waits for it in
 * steps, doing what must go on meanwhile (renewing locks) between them, and gives up when the budget is spent.
 */
final class BudgetedAnalysis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BudgetedAnalysis.class);

    private final String workerId;
    private final Agent agent;
    private ExecutorService analysisThread;

    BudgetedAnalysis(String workerId, Agent agent) {
        this.workerId = workerId;
        this.agent = agent;
        this.analysisThread = newAnalysisThread();
    }

    /** @param whileWaiting run every {@code stepMs} the agent has not yet finished */
    AgentOutcome run(AgentRequest request, Duration budget, long stepMs, Runnable whileWaiting) {
        Future<Answer> work = analysisThread.submit(inRequestContext(() -> agent.answer(request)));
        long giveUpAt = System.nanoTime() + budget.toNanos();
        while (true) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime());
            try {
                return new AgentOutcome.Success(work.get(Math.max(0, Math.min(remainingMs, stepMs)), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (System.nanoTime() - giveUpAt >= 0) {
                    abandon(work);
                    return new AgentOutcome.Failure(AgentErrorCode.TIME_BUDGET_EXCEEDED,
                        "the agent did not finish within its time budget of " + budget.toMillis() + " ms", false);
                }
                whileWaiting.run();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AgentException failure) {
                    return new AgentOutcome.Failure(failure.code(), failure.getMessage(), failure.retryable(), failure.generation());
                }
                log.error("the {} agent failed unexpectedly", agent.kind(), cause);
                return new AgentOutcome.Failure(AgentErrorCode.AGENT_ERROR, String.valueOf(cause), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(work);
                return new AgentOutcome.Failure(AgentErrorCode.INTERRUPTED, "the worker was stopped while the agent worked", true);
            }
        }
    }

    @Override
    public void close() {
        analysisThread.shutdownNow();
    }

    /** An agent that ignores interruption keeps its thread; the next request gets a fresh one. */
    private void abandon(Future<?> work) {
        work.cancel(true);
        analysisThread.shutdownNow();
        analysisThread = newAnalysisThread();
    }

    /**
     * The work runs on the analysis thread under the worker's request span (so the agent's own calls, a model's
     * HTTP call among them, join the plan's trace) and with its log context (the correlation id on every line).
     */
    private static Callable<Answer> inRequestContext(Callable<Answer> work) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        return Context.current().wrap(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return work.call();
            } finally {
                MDC.clear();
            }
        });
    }

    private ExecutorService newAnalysisThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, workerId + "-analysis");
            thread.setDaemon(true);
            return thread;
        });
    }
}
