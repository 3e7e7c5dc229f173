package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.gampplanner.runtime.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The environment variables GAMP Planner reads, with defaults and the values this process sees. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Lists every environment variable GAMP Planner reads, its default, and its value here.")
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print the table as Markdown (for the README).")
    boolean markdown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.println("| Variable | Default | Meaning |");
            out.println("|---|---|---|");
            for (Setting setting : Setting.values()) {
                out.printf("| `%s` | %s | %s |%n", setting.variable(),
                    setting.defaultValue().isEmpty() ? "(empty)" : "`" + setting.defaultValue() + "`", setting.description());
            }
            return 0;
        }
        for (Setting setting : Setting.values()) {
            String value = System.getenv(setting.variable());
            if (value != null && setting.secret()) {
                value = "(hidden)";
            }
            out.printf("%-30s %-18s %s%n    %s%n", setting.variable(), "default=" + setting.defaultValue(),
                value == null ? "" : "set=" + value, setting.description());
        }
        return 0;
    }
}
