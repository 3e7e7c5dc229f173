package dev.gampplanner.bench;

/** Reads figures out of a Prometheus text exposition, as a scraper would. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum of every sample of {@code metric} (over all its label sets); NaN when it has none. */
    static double sum(String exposition, String metric) {
        double sum = Double.NaN;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum = Double.isNaN(sum) ? value : sum + value;
            }
        }
        return sum;
    }
}
