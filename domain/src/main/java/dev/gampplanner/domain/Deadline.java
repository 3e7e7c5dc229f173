package dev.gampplanner.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a plan must be answered, whatever its agents do. */
public record Deadline(Instant at) implements Comparable<Deadline> {

    public Deadline {
        Objects.requireNonNull(at, "at");
    }

    public static Deadline after(Instant start, Duration budget) {
        return new Deadline(start.plus(budget));
    }

    public boolean hasPassed(Instant now) {
        return !now.isBefore(at);
    }

    /** Time left at {@code now}; zero once passed. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public int compareTo(Deadline other) {
        return at.compareTo(other.at);
    }
}
