package dev.gampplanner.runtime.dlq;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Logs refused records without letting a flood of bad input flood the log: the first few of each
 * kind are logged, then one line per thousand with the running count. Every record is still counted
 * in the gamp.dead.letters metric and copied to its DLQ.
 */
public final class DeadLetterLog {

    private static final int LOGGED_IN_FULL = 20;
    private static final int THEN_EVERY = 1000;

    private final Logger log;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public DeadLetterLog(Logger log) {
        this.log = log;
    }

    public void refused(String position, String reason, String message) {
        long n = counts.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        if (n <= LOGGED_IN_FULL) {
            log.warn("refused {} ({}): {}", position, reason, message);
        } else if (n % THEN_EVERY == 0) {
            log.warn("refused {} records for {} so far (latest {}: {})", n, reason, position, message);
        }
    }
}
