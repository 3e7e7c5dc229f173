package dev.gampplanner.bench;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU milliseconds each process spent per COMPLETE plan over a stretch of load, from the processes' CPU time before
 * and after it. The stretch includes the wait for its last answers, so a process's idle polling counts too: this is
 * what a plan costs the machine at that rate, not the work of a plan alone.
 *
 * @param byProcess milliseconds per plan, by process, in the fleet's order; empty when no plan was COMPLETE
 */
record CpuPerPlan(Map<String, Double> byProcess) {

    static final CpuPerPlan NONE = new CpuPerPlan(Map.of());

    static CpuPerPlan between(Map<String, Duration> before, Map<String, Duration> after, long plans) {
        if (plans == 0) {
            return NONE;
        }
        Map<String, Double> perPlan = new LinkedHashMap<>();
        after.forEach((process, time) -> {
            Duration start = before.get(process);
            if (start != null) {
                perPlan.put(process, time.minus(start).toNanos() / 1e6 / plans);
            }
        });
        return new CpuPerPlan(Collections.unmodifiableMap(perPlan));
    }

    double total() {
        return byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** "12.3 ms (planner 4.6, context 1.3, …)", or "—" when nothing was measured. */
    String describe() {
        if (byProcess.isEmpty()) {
            return "—";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%.1f ms (", total()));
        byProcess.forEach((process, ms) -> text.append(process).append(String.format(Locale.ROOT, " %.1f, ", ms)));
        return text.substring(0, text.length() - 2) + ")";
    }
}
