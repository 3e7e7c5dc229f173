package dev.gampplanner.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** GAMP 5 software categories. Category 2 (firmware) was retired by GAMP 5 and is not accepted. */
public enum GampCategory {
    INFRASTRUCTURE(1, "Infrastructure software"),
    NON_CONFIGURED(3, "Non-configured product"),
    CONFIGURED(4, "Configured product"),
    CUSTOM(5, "Custom application");

    private final int number;
    private final String title;

    GampCategory(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    public static Optional<GampCategory> of(int number) {
        return Arrays.stream(values()).filter(c -> c.number == number).findFirst();
    }

    public static GampCategory require(int number) {
        return of(number).orElseThrow(() -> new IllegalArgumentException(
            "GAMP category " + number + " does not exist; use one of " + validNumbers()));
    }

    public static String validNumbers() {
        return Arrays.stream(values()).map(c -> String.valueOf(c.number)).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "Category " + number + " (" + title + ")";
    }
}
