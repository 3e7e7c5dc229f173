package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.PlanOutput;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.runtime.config.GampConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes PlanRequests to a running GAMP Planner, and with --wait prints the plans that answer them. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Publishes a PlanRequest per URS document to KAFKA_BOOTSTRAP_SERVERS and prints its correlation id; "
        + "with --wait, waits for each answer and prints it as 'gamp demo' does.")
public final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "URS documents, or directories of .md files.")
    List<Path> inputs;

    @Option(names = "--category", paramLabel = "N", description = "GAMP category (1, 3, 4 or 5); default: determined from the URS.")
    Integer category;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Deadline from now; default: the planner's GAMP_DEFAULT_DEADLINE.")
    Duration deadline;

    @Option(names = "--wait", description = "Wait for every answer and print it.")
    boolean await;

    @Option(names = "--json", description = "With --wait: one JSON object per plan per line on stdout.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
        description = "With --wait: how long to wait for all answers (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--out", paramLabel = "DIR", description = "With --wait: also write each plan as JSON and Markdown here.")
    Path out;

    @Option(names = "--submitted-by", paramLabel = "NAME", defaultValue = "gamp submit",
        description = "Who submits, recorded on the request (default '${DEFAULT-VALUE}').")
    String submittedBy;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<UrsFile> documents = UrsFile.resolve(inputs);
        GampConfig config = Environment.connectedConfig();
        if (out != null) {
            java.nio.file.Files.createDirectories(out);
        }
        long started = System.nanoTime();
        try (PlanDesk desk = new PlanDesk(config)) {
            for (UrsFile document : documents) {
                PlanDesk.Submission submission = desk.submit(document, category,
                    deadline == null ? null : Instant.now().plus(deadline), submittedBy);
                if (!await || !json) {
                    (await ? stderr : stdout).printf("submitted %s as %s%n", document.name(), submission.id());
                }
            }
            stdout.flush();
            stderr.flush();
            if (!await) {
                return 0;
            }
            PlanOutput output = new PlanOutput(stdout, stderr, out, json);
            int answered = output.collect(desk, timeout, documents.size());
            output.summarise(documents.size(), (System.nanoTime() - started) / 1e9);
            return answered == documents.size() ? 0 : 1;
        }
    }
}
