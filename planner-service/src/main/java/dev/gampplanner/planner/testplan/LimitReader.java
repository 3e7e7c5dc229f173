package dev.gampplanner.planner.testplan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gampplanner.planner.testplan.Limit.Bound;

/**
 * Reads the quantitative limits out of a requirement's text and detail lines: "not exceeding 5
 * minutes", "maximum 2-second latency", "&lt; 100 ms", "±2°C", "-80°C to +50°C", "minimum 10 years",
 * "500 samples per day", "10 characters". Each keeps its unit and whether it is a maximum or a minimum.
 */
final class LimitReader {

    private static final String NUMBER = "([-+]?\\d[\\d,]*(?:\\.\\d+)?)";
    private static final String UNIT = "(°\\s?C|°\\s?F|%|ms\\b|milliseconds?|seconds?|secs?\\b|s\\b|minutes?|mins?\\b|hours?|days?|"
        + "years?|characters?|simultaneous instrument runs|concurrent batch records|concurrent batch evaluations|concurrent users|"
        + "active samples|sensor points|data points|instrument runs|batch records|batch evaluations|users?|samples?|records?|"
        + "documents?|tags?|instruments?|runs?|skus?|sensors?|points?|assignments?|injections?|uph|participants?|inputs?|"
        + "evaluations?|gb|mb|tb)?";
    private static final String PER = "((?:\\s+per\\s+|\\s*/\\s*)(?:day|hour|minute|second))?";
    private static final String GAP = "[\\s-]*";
    private static final Pattern RANGE = Pattern.compile(NUMBER + "\\s*" + UNIT + "\\s+to\\s+" + NUMBER + "\\s*" + UNIT,
        Pattern.CASE_INSENSITIVE);
    private static final Pattern TOLERANCE = Pattern.compile("±\\s*" + NUMBER + "\\s*" + UNIT, Pattern.CASE_INSENSITIVE);
    private static final Pattern MAXIMUM = Pattern.compile(
        "(not exceed(?:ing)?|shall not exceed|within|maximum(?: of)?|max\\.?|at most|no more than|under|below|less than|<=|<|≤)\\s*"
            + NUMBER + GAP + UNIT, Pattern.CASE_INSENSITIVE);
    private static final Pattern MINIMUM = Pattern.compile(
        "(minimum(?: of)?|at least|no less than|more than|>=|>|≥|support(?:s|ing)?(?: up to)?|handle|process(?: up to)?|store|"
            + "monitor up to|up to|by|maintain|retain(?:ed)? (?:data )?for|retained for|for|be)\\s+" + NUMBER + GAP + UNIT + PER,
        Pattern.CASE_INSENSITIVE);
    private static final Pattern LENGTH = Pattern.compile(NUMBER + GAP + "(characters?|digits?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUB_SECOND = Pattern.compile("\\bsub-second\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CYCLE = Pattern.compile(NUMBER + GAP + "(ms|seconds?)" + GAP + "(cycle time|resolution)",
        Pattern.CASE_INSENSITIVE);
    private static final List<String> MODAL_WORDS = List.of("shall", "must", "will", "should", "be", "the", "system", "a", "an",
        "not", "is", "are");

    private LimitReader() {
    }

    /** Every limit in the requirement's text, then in each detail line, in the order written; repeats once. */
    static List<Limit> read(String text, List<String> details) {
        List<Limit> limits = new ArrayList<>(read(text));
        details.forEach(d -> limits.addAll(read(d)));
        return limits.stream().distinct().toList();
    }

    static List<Limit> read(String text) {
        List<Limit> limits = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        // Most lines state no number, and every pattern but "sub-second" needs one.
        if (text.chars().anyMatch(c -> c >= '0' && c <= '9')) {
            readNumbers(text, limits, taken);
        }
        Matcher subSecond = SUB_SECOND.matcher(text);
        while (subSecond.find()) {
            add(limits, taken, subSecond, new Limit(Bound.MAXIMUM, BigDecimal.ONE, null, "second", true, subSecond.group(),
                quantity(text, subSecond.end() + 1)));
        }
        return limits;
    }

    /** The limits stated with a number, in the order the patterns are tried: a range before its two ends. */
    private static void readNumbers(String text, List<Limit> limits, List<int[]> taken) {
        Matcher range = RANGE.matcher(text);
        while (range.find()) {
            String unit = unit(range.group(4) != null ? range.group(4) : range.group(2));
            add(limits, taken, range, new Limit(Bound.RANGE, number(range.group(1)), number(range.group(3)), unit, false,
                range.group(), quantity(text, range.start())));
        }
        Matcher tolerance = TOLERANCE.matcher(text);
        while (tolerance.find()) {
            add(limits, taken, tolerance, new Limit(Bound.TOLERANCE, number(tolerance.group(1)), null, unit(tolerance.group(2)), null,
                tolerance.group(), quantity(text, tolerance.start())));
        }
        Matcher length = LENGTH.matcher(text);
        while (length.find()) {
            add(limits, taken, length, new Limit(Bound.EXACT, number(length.group(1)), null, unit(length.group(2)), false,
                length.group(), quantity(text, length.start())));
        }
        Matcher cycle = CYCLE.matcher(text);
        while (cycle.find()) {
            add(limits, taken, cycle, new Limit(Bound.MAXIMUM, number(cycle.group(1)), null, unit(cycle.group(2)), false,
                cycle.group(), cycle.group(3).toLowerCase(Locale.ROOT)));
        }
        Matcher maximum = MAXIMUM.matcher(text);
        while (maximum.find()) {
            String word = maximum.group(1).toLowerCase(Locale.ROOT);
            boolean strict = word.equals("<") || word.equals("under") || word.equals("below") || word.equals("less than");
            String unit = unit(maximum.group(3));
            if (!unit.isEmpty() || word.matches("<|<=|≤")) {
                add(limits, taken, maximum, new Limit(Bound.MAXIMUM, number(maximum.group(2)), null, unit, strict, maximum.group(),
                    quantity(text, maximum.start())));
            }
        }
        Matcher minimum = MINIMUM.matcher(text);
        while (minimum.find()) {
            String word = minimum.group(1).toLowerCase(Locale.ROOT);
            String unit = unit(minimum.group(3)) + (minimum.group(4) == null ? "" : " per " + minimum.group(4)
                .replaceAll(".*?(day|hour|minute|second)$", "$1"));
            boolean explicit = word.matches("minimum(?: of)?|at least|no less than|more than|>=|>|≥");
            // "for 7 years" or "be 99.5%" only count as a limit with a unit that makes them one.
            boolean meaningful = explicit ? true : word.matches("for|retain.*") ? unit.matches("years?|days?|hours?")
                : word.matches("be|maintain") ? unit.equals("%") : !unit.isEmpty();
            if (meaningful) {
                add(limits, taken, minimum, new Limit(Bound.MINIMUM, number(minimum.group(2)), null, unit,
                    word.equals(">") || word.equals("more than"), minimum.group(), quantity(text, minimum.start())));
            }
        }
    }

    private static void add(List<Limit> limits, List<int[]> taken, Matcher matcher, Limit limit) {
        for (int[] span : taken) {
            if (matcher.start() < span[1] && matcher.end() > span[0]) {
                return;
            }
        }
        taken.add(new int[] {matcher.start(), matcher.end()});
        limits.add(limit);
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(",", "").replace("+", ""));
    }

    private static String unit(String raw) {
        if (raw == null) {
            return "";
        }
        String unit = raw.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (unit) {
            case "°c" -> "°C";
            case "°f" -> "°F";
            case "s", "sec", "secs", "second" -> "seconds";
            case "min", "mins", "minute" -> "minutes";
            case "millisecond", "milliseconds" -> "ms";
            case "hour" -> "hours";
            case "day" -> "days";
            case "year" -> "years";
            case "character" -> "characters";
            case "uph" -> "UPH";
            default -> raw.toLowerCase(Locale.ROOT);
        };
    }

    /** The last few words before the limit, without modal verbs: what the limit is about. */
    private static String quantity(String text, int limitStart) {
        String before = text.substring(0, Math.max(0, Math.min(limitStart, text.length())))
            .replaceAll("\\(.*?\\)", " ").replaceAll("[^\\p{L}\\p{N}/ -]", " ");
        List<String> words = new ArrayList<>(Arrays.stream(before.strip().split("\\s+"))
            .filter(w -> !w.isBlank() && !MODAL_WORDS.contains(w.toLowerCase(Locale.ROOT))).toList());
        List<String> last = words.subList(Math.max(0, words.size() - 4), words.size());
        String quantity = String.join(" ", last).strip();
        return quantity.isEmpty() ? "the measured value" : quantity;
    }
}
