package dev.gampplanner.bench;

import java.util.List;

/** A figure measured in several runs: the median is the figure, min and max its spread. */
record Repeated(List<Double> runs, double min, double median, double max) {

    static Repeated of(List<Double> runs) {
        double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Repeated(List.of(), Double.NaN, Double.NaN, Double.NaN);
        }
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Repeated(List.copyOf(runs), sorted[0], median, sorted[sorted.length - 1]);
    }
}
