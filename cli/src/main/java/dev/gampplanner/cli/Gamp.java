package dev.gampplanner.cli;

import dev.gampplanner.cli.command.AuditCommand;
import dev.gampplanner.cli.command.BenchCommand;
import dev.gampplanner.cli.command.BenchServeCommand;
import dev.gampplanner.cli.command.BrokerCommand;
import dev.gampplanner.cli.command.CategorizeCommand;
import dev.gampplanner.cli.command.ConfigCommand;
import dev.gampplanner.cli.command.DemoCommand;
import dev.gampplanner.cli.command.EvaluateCommand;
import dev.gampplanner.cli.command.SchemasCommand;
import dev.gampplanner.cli.command.SecurityCommand;
import dev.gampplanner.cli.command.ServeCommand;
import dev.gampplanner.cli.command.SubmitCommand;
import dev.gampplanner.cli.command.TopicsCommand;
import dev.gampplanner.cli.command.ZipkinCommand;
import dev.gampplanner.cli.support.BrokerReachability;
import dev.gampplanner.runtime.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gamp} command. */
@Command(name = "gamp", mixinStandardHelpOptions = true, version = "gamp 0.1.0",
    description = "GAMP Planner: turns a User Requirements Specification into a GAMP 5 qualification test plan, on Kafka.",
    subcommands = {DemoCommand.class, ServeCommand.class, SubmitCommand.class, TopicsCommand.class, SecurityCommand.class,
        BrokerCommand.class, CategorizeCommand.class, EvaluateCommand.class, AuditCommand.class, BenchCommand.class,
        BenchServeCommand.class, ConfigCommand.class, SchemasCommand.class, ZipkinCommand.class,
        CommandLine.HelpCommand.class})
public final class Gamp {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command and returns its exit code: 0 done, 1 failed, 2 bad usage or configuration. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Gamp());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof ConfigException || exception instanceof IllegalArgumentException
                || exception instanceof BrokerReachability.BrokerUnreachableException) {
                line.getErr().println("gamp: " + exception.getMessage());
                return 2;
            }
            line.getErr().println("gamp: " + exception.getMessage());
            if (System.getenv("GAMP_DEBUG") != null) {
                exception.printStackTrace(line.getErr());
            } else {
                line.getErr().println("(set GAMP_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return commandLine.execute(args);
    }
}
