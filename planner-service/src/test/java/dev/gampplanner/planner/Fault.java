package dev.gampplanner.planner;

/**
 * A defect planted in a collaborator of a processor: once armed, the collaborator's next use throws, once. Tests
 * plant it at each step of handling an input and check what the failed input left behind.
 */
public final class Fault {

    private final String where;
    private boolean armed;

    public Fault(String where) {
        this.where = where;
    }

    public void arm() {
        armed = true;
    }

    /** Called by the collaborator at the step this fault stands for. */
    public void raiseIfArmed() {
        if (fires()) {
            throw new IllegalStateException("injected fault in " + where);
        }
    }

    /** Whether the fault is due now, for a collaborator whose defect is a wrong answer rather than an exception. */
    public boolean fires() {
        boolean due = armed;
        armed = false;
        return due;
    }
}
