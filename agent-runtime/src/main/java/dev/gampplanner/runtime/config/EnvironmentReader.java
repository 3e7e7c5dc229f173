package dev.gampplanner.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.gampplanner.schema.AgentKind;

/**
 * Reads and checks environment variables, collecting every problem instead of stopping at the first, so
 * {@link GampConfig} can report all of an operator's mistakes at once.
 */
final class EnvironmentReader {

    private static final Set<String> KNOWN = Arrays.stream(Setting.values())
        .flatMap(s -> s.secret() ? Stream.of(s.variable(), s.fileVariable()) : Stream.of(s.variable()))
        .collect(Collectors.toSet());

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    EnvironmentReader(Map<String, String> environment) {
        this.environment = environment;
    }

    List<String> problems() {
        return problems;
    }

    void problem(String problem) {
        problems.add(problem);
    }

    /** GAMP_ variables no setting reads, per-agent overrides of a known setting included as known. */
    List<String> unknownVariables() {
        return new TreeMap<>(environment).keySet().stream()
            .filter(variable -> variable.startsWith("GAMP_") && !KNOWN.contains(variable) && !isAgentOverride(variable))
            .toList();
    }

    /** GAMP_WORKER_THREADS becomes GAMP_SME_WORKER_THREADS for the SME agent, and so on. */
    static String agentVariable(AgentKind agent, Setting setting) {
        return agentPrefix(agent) + setting.variable().substring("GAMP_".length());
    }

    boolean isSet(String variable) {
        return environment.containsKey(variable);
    }

    String text(Setting setting) {
        return environment.getOrDefault(setting.variable(), setting.defaultValue()).strip();
    }

    /** A secret from its variable, or from the file its _FILE variant names (without the file's final line break). */
    String secret(Setting setting) {
        return secret(setting.variable(), setting.fileVariable());
    }

    String secret(String variable, String fileVariable) {
        String direct = environment.getOrDefault(variable, "");
        String file = environment.getOrDefault(fileVariable, "").strip();
        if (file.isEmpty()) {
            return direct;
        }
        if (!direct.isEmpty()) {
            problems.add("set " + variable + " or " + fileVariable + ", not both");
            return "";
        }
        try {
            return Files.readString(Path.of(file)).replaceAll("\\R+$", "");
        } catch (IOException e) {
            problems.add(fileVariable + ": cannot read " + file + " (" + e.getMessage() + ")");
            return "";
        }
    }

    int integer(Setting setting, int min, int max) {
        return integer(setting.variable(), setting, min, max);
    }

    /** {@code variable} when set, else {@code fallback}'s variable or default. */
    int integer(String variable, Setting fallback, int min, int max) {
        return parse(variable, fallback, raw -> {
            int value;
            try {
                value = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got '" + raw + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        }, 0);
    }

    Duration duration(Setting setting, Duration min, Duration max) {
        return duration(setting.variable(), setting, min, max);
    }

    Duration duration(String variable, Setting fallback, Duration min, Duration max) {
        return parse(variable, fallback, raw -> {
            Duration value = Durations.parse(raw);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", got " + raw);
            }
            return value;
        }, Duration.ZERO);
    }

    /** Parses {@code variable} (or the fallback setting); a value the parser refuses is a problem and yields {@code onError}. */
    <T> T parse(String variable, Setting fallback, Function<String, T> parser, T onError) {
        boolean own = environment.containsKey(variable);
        String raw = own ? environment.get(variable).strip()
            : environment.getOrDefault(fallback.variable(), fallback.defaultValue()).strip();
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            problems.add((own ? variable : fallback.variable()) + ": " + e.getMessage());
            return onError;
        }
    }

    private static String agentPrefix(AgentKind agent) {
        return "GAMP_" + agent.name() + "_";
    }

    private static boolean isAgentOverride(String variable) {
        for (AgentKind agent : AgentKind.values()) {
            String prefix = agentPrefix(agent);
            if (variable.startsWith(prefix) && KNOWN.contains("GAMP_" + variable.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }
}
