package dev.gampplanner.runtime.observability;

/** What a component says about itself on /health and /ready. */
public record Health(Status status, String detail) {

    public enum Status {
        STARTING, UP, DOWN
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail);
    }

    public static Health starting(String detail) {
        return new Health(Status.STARTING, detail);
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail);
    }
}
