package dev.gampplanner.planner.testplan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * A quantitative limit a requirement states, with the words it was stated in.
 *
 * @param upper the upper end of a range; null for every other bound
 * @param strict whether the limit value itself is outside what is allowed ("&lt; 100 ms"); null when the
 *     requirement does not say, so the test records how the system treats it
 * @param quantity the words before the limit that say what is limited ("readings recorded at intervals")
 */
record Limit(Bound bound, BigDecimal value, BigDecimal upper, String unit, Boolean strict, String phrase, String quantity) {

    /** How the stated value bounds the quantity. */
    enum Bound {
        /** The quantity must not exceed the value: a time, a latency, an interval. */
        MAXIMUM,
        /** The system must reach at least the value: a capacity, a throughput, an availability, a retention. */
        MINIMUM,
        /** The quantity may deviate from a set point by at most the value (±). */
        TOLERANCE,
        /** The quantity must lie between value and upper. */
        RANGE,
        /** The quantity must be exactly the value: a field length. */
        EXACT
    }

    /** One value a boundary test applies, and what the requirement says must happen at it. */
    record Case(String position, String value, String expected) {
    }

    /** The value as the requirement writes it, with its unit: "5 minutes", "±2 °C", "-80 to 50 °C". */
    String stated() {
        return switch (bound) {
            case TOLERANCE -> "±" + plain(value) + space(unit);
            case RANGE -> plain(value) + " to " + plain(upper) + space(unit);
            default -> plain(value) + space(unit);
        };
    }

    /** The stated limit as a comparison: "≤ 5 minutes", "≥ 500 samples per day", "exactly 10 characters". */
    String comparison() {
        return switch (bound) {
            case MAXIMUM -> (Boolean.TRUE.equals(strict) ? "< " : "≤ ") + stated();
            case MINIMUM -> (Boolean.TRUE.equals(strict) ? "> " : "≥ ") + stated();
            case TOLERANCE -> "within " + stated() + " of the set point";
            case RANGE -> "from " + stated();
            case EXACT -> "exactly " + stated();
        };
    }

    /** Whether the limit is one a tester can set up and cross in a test run (not a years-long retention). */
    boolean challengeable() {
        return !unit.matches("years?|days?|%") || bound == Bound.TOLERANCE || bound == Bound.RANGE;
    }

    /**
     * The values at, just inside and just beyond the limit, one resolution step apart, respecting
     * whether the value is a maximum or a minimum: a minimum capacity is shown at and inside the
     * stated value, and beyond it the behaviour is recorded, not refused.
     */
    List<Case> cases() {
        BigDecimal step = resolution();
        int scale = step.scale();
        String atLimit = strict == null ? "behaves as the configured limit defines (the requirement does not say whether "
            + stated() + " itself is allowed); record which" : strict ? "outside the limit: refused, alarmed or flagged" : "within the limit: accepted";
        return switch (bound) {
            case MAXIMUM -> List.of(
                new Case("just inside", with(at(value.subtract(step), scale)), "within the limit: accepted, no alarm or flag"),
                new Case("at the limit", with(at(value, scale)), atLimit),
                new Case("just beyond", with(at(value.add(step), scale)), "outside the limit: refused, alarmed or flagged as specified"));
            case MINIMUM -> List.of(
                new Case("just inside", with(at(value.subtract(step), scale)), "works without error or degradation"),
                new Case("at the limit", stated(), "works without error or degradation; this is the capacity the requirement asks for"),
                new Case("just beyond", with(at(value.add(step), scale)),
                    "not required; record the behaviour (no data loss or corruption is acceptable)"));
            case TOLERANCE -> List.of(
                new Case("just inside", "set point +" + with(at(value.subtract(step), scale)), "within tolerance: no alarm or flag"),
                new Case("at the limit", "set point +" + with(at(value, scale)), atLimit),
                new Case("just beyond", "set point +" + with(at(value.add(step), scale)), "outside tolerance: alarm or flag raised"),
                new Case("just beyond (low side)", "set point -" + with(at(value.add(step), scale)), "outside tolerance: alarm or flag raised"));
            case RANGE -> List.of(
                new Case("just beyond (low)", with(at(value.subtract(step), scale)), "outside the range: refused or flagged"),
                new Case("at the low limit", with(at(value, scale)), "within the range: accepted"),
                new Case("just inside (low)", with(at(value.add(step), scale)), "within the range: accepted"),
                new Case("just inside (high)", with(at(upper.subtract(step), scale)), "within the range: accepted"),
                new Case("at the high limit", with(at(upper, scale)), "within the range: accepted"),
                new Case("just beyond (high)", with(at(upper.add(step), scale)), "outside the range: refused or flagged"));
            case EXACT -> List.of(
                new Case("one below", with(at(value.subtract(step), scale)), "refused with a message naming the expected length"),
                new Case("exactly", with(at(value, scale)), "accepted"),
                new Case("one above", with(at(value.add(step), scale)), "refused, or truncation prevented, with a message"));
        };
    }

    /**
     * One step of the quantity's resolution: a whole unit for counts and lengths, otherwise one
     * digit finer than the value is written, and 0.1 for a temperature or percentage written whole
     * (a ±2 °C limit is challenged at 1.9, 2.0 and 2.1).
     */
    BigDecimal resolution() {
        int scale = Math.max(value.scale(), upper == null ? 0 : upper.scale());
        if (scale == 0 && !unit.matches("°C|°F|%|pH")) {
            return BigDecimal.ONE;
        }
        return BigDecimal.ONE.movePointLeft(Math.max(scale, 0) + (scale == 0 ? 1 : 0));
    }

    /** A value written to the resolution it is tested at: a ±2 °C limit is applied at 2.0, not 2. */
    private static String at(BigDecimal number, int scale) {
        return plain(number.scale() < scale ? number.setScale(scale, RoundingMode.UNNECESSARY) : number);
    }

    /** "1 second", "2 seconds": the value with its unit, which agrees with a value of exactly one. */
    private String with(String value) {
        boolean one = value.equals("1") && unit.matches("seconds|minutes|hours|days|years");
        return value + space(one ? unit.substring(0, unit.length() - 1) : unit);
    }

    private static String plain(BigDecimal number) {
        BigDecimal n = number.scale() < 0 ? number.setScale(0, RoundingMode.UNNECESSARY) : number;
        return n.toPlainString();
    }

    private static String space(String unit) {
        if (unit.isEmpty()) {
            return "";
        }
        return unit.startsWith("%") || unit.startsWith("°") ? (unit.equals("%") ? "%" : " " + unit) : " " + unit;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", bound, stated());
    }
}
