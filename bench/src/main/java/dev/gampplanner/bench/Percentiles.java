package dev.gampplanner.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample of milliseconds. */
record Percentiles(int count, double p50, double p99, double max) {

    /** No sample: every figure is NaN. */
    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles of(Collection<? extends Number> sample) {
        double[] values = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return NONE;
        }
        return new Percentiles(values.length, rank(values, 0.50), rank(values, 0.99), values[values.length - 1]);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {p50, p99, max});
    }
}
