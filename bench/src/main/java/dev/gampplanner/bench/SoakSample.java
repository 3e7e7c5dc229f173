package dev.gampplanner.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.gampplanner.client.PlanDesk;

/**
 * One interval of a soak: what the fleet looked like at its end and the answers that arrived during it.
 *
 * @param minute   when the sample was taken, in minutes since the load began
 * @param rssMb    each service's resident memory, MB
 * @param lag      records behind, by part of the fleet; NaN where not measured
 * @param latency  round trips of the interval's answers
 * @param outcomes the interval's answers by outcome (COMPLETE, PARTIAL, FAILED, REJECTED)
 */
record SoakSample(double minute, Map<String, Long> rssMb, Map<String, Double> lag, Percentiles latency,
                  Map<String, Integer> outcomes) {

    static SoakSample of(double minute, Map<String, Long> rssMb, Map<String, Double> lag, List<PlanDesk.Answer> answers) {
        Map<String, Integer> outcomes = new TreeMap<>();
        answers.forEach(answer -> outcomes.merge(Load.outcome(answer), 1, Integer::sum));
        return new SoakSample(minute, Collections.unmodifiableMap(new LinkedHashMap<>(rssMb)),
            Collections.unmodifiableMap(new LinkedHashMap<>(lag)),
            Percentiles.of(answers.stream().map(PlanDesk.Answer::roundTripMs).toList()), outcomes);
    }

    int answers() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    int outcome(String status) {
        return outcomes.getOrDefault(status, 0);
    }
}
