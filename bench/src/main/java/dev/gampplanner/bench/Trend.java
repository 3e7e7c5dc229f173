package dev.gampplanner.bench;

import java.util.List;

/**
 * Whether a series sampled during a soak grows: a least-squares line through the samples after the warm-up, its
 * slope per hour against a threshold of the series' kind. A series grows only when its slope passes the threshold
 * and twice its standard error as well, so that the noise of a shared machine is not read as a leak.
 *
 * @param fitted         samples the line was fitted to (those after the warm-up)
 * @param mean           the mean of those samples
 * @param slopePerHour   the fitted slope, in the series' unit per hour
 * @param standardError  the slope's standard error, per hour
 * @param thresholdPerHour the slope above which the series counts as growing
 */
record Trend(Verdict verdict, int fitted, double mean, double slopePerHour, double standardError, double thresholdPerHour) {

    /** Fewer samples than this after the warm-up leave no line worth a verdict. */
    static final int MIN_FITTED = 3;

    enum Verdict {
        FLAT, GROWS, UNDECIDED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What a series measures, and how fast it may grow before it counts: {@code floorPerHour} in its unit or
     * {@code sharePerHour} of its mean level an hour, whichever is larger.
     */
    enum Kind {
        /** 10 MB an hour is a service outgrowing its 256 MB in a day. */
        RSS_MB("MB", 10, 0.05),
        /** 600 records an hour is an agent falling behind by one request every six seconds. */
        LAG_RECORDS("records", 600, 0.10),
        LATENCY_MS("ms", 60, 0.10);

        final String unit;
        final double floorPerHour;
        final double sharePerHour;

        Kind(String unit, double floorPerHour, double sharePerHour) {
            this.unit = unit;
            this.floorPerHour = floorPerHour;
            this.sharePerHour = sharePerHour;
        }

        double threshold(double mean) {
            return Math.max(floorPerHour, sharePerHour * Math.abs(mean));
        }
    }

    /** One sample: when it was taken, in minutes since the load began, and its value. */
    record Point(double minute, double value) {
    }

    /** The trend of {@code points} (in the order taken) after the first {@code warmUp} of them; NaN values are skipped. */
    static Trend of(Kind kind, List<Point> points, int warmUp) {
        List<Point> used = points.stream().skip(warmUp).filter(p -> !Double.isNaN(p.value())).toList();
        int n = used.size();
        double meanX = used.stream().mapToDouble(Point::minute).average().orElse(Double.NaN);
        double meanY = used.stream().mapToDouble(Point::value).average().orElse(Double.NaN);
        if (n < MIN_FITTED) {
            return new Trend(Verdict.UNDECIDED, n, meanY, Double.NaN, Double.NaN, kind.threshold(meanY));
        }
        double sxx = 0;
        double sxy = 0;
        for (Point p : used) {
            sxx += (p.minute() - meanX) * (p.minute() - meanX);
            sxy += (p.minute() - meanX) * (p.value() - meanY);
        }
        double slope = sxy / sxx;
        double residuals = 0;
        for (Point p : used) {
            double off = p.value() - (meanY + slope * (p.minute() - meanX));
            residuals += off * off;
        }
        double standardError = Math.sqrt(residuals / (n - 2) / sxx);
        double threshold = kind.threshold(meanY);
        boolean grows = slope * 60 > threshold && slope > 2 * standardError;
        return new Trend(grows ? Verdict.GROWS : Verdict.FLAT, n, meanY, slope * 60, standardError * 60, threshold);
    }
}
