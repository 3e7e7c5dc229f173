package dev.gampplanner.cli.support;

import java.time.Duration;

import dev.gampplanner.runtime.config.Durations;
import picocli.CommandLine;

/** Lets options take durations as operators write them: 500ms, 30s, 5m, PT30S. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
