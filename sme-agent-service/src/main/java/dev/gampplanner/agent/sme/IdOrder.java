package dev.gampplanner.agent.sme;

import java.util.Comparator;

/**
 * Orders identifiers the way a reader expects: digit runs compare by value, so URS-2 comes before
 * URS-10, 21 CFR 11.10(a) before 11.100 and Annex 11 §4.8 before §17. Identifiers that differ only in
 * leading zeros fall back to plain string order, so the order is total and every tie is broken.
 */
final class IdOrder {

    static final Comparator<String> NATURAL = IdOrder::compare;

    private IdOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            if (isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                int startA = i;
                int startB = j;
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
                int byValue = compareNumbers(a.substring(startA, i), b.substring(startB, j));
                if (byValue != 0) {
                    return byValue;
                }
            } else {
                if (a.charAt(i) != b.charAt(j)) {
                    return Character.compare(a.charAt(i), b.charAt(j));
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    /** Compares digit strings by value without parsing, so a 30-digit run cannot overflow. */
    private static int compareNumbers(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int at = 0;
        while (at < digits.length() - 1 && digits.charAt(at) == '0') {
            at++;
        }
        return digits.substring(at);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
