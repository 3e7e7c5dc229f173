package dev.gampplanner.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanRejected;

/**
 * Prints answers as they arrive (a summary line each, or one JSON object per line), writes each plan
 * as JSON and Markdown, and keeps the user informed while it waits.
 */
public final class PlanOutput {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private final Path directory;
    private final boolean json;
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private String traceView;

    /** @param directory where plans are written, or null to write nothing */
    public PlanOutput(PrintWriter stdout, PrintWriter stderr, Path directory, boolean json) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.directory = directory;
        this.json = json;
    }

    /** Prints, under each plan that has a trace, where to see it: {@code traceView} followed by the trace id. */
    public PlanOutput linkingTracesTo(String traceView) {
        this.traceView = traceView;
        return this;
    }

    /** Waits for {@code expected} answers, at most {@code timeout}; returns how many came. */
    public int collect(PlanDesk desk, Duration timeout, int expected) {
        long giveUp = System.nanoTime() + timeout.toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        int answered = 0;
        while (answered < expected && System.nanoTime() < giveUp) {
            for (PlanDesk.Answer answer : desk.poll(POLL)) {
                answered++;
                show(answer);
            }
            if (System.nanoTime() > nextProgress && answered < expected) {
                stderr.printf("gamp: %d of %d answered, waiting...%n", answered, expected);
                stderr.flush();
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        if (answered < expected) {
            stderr.printf("gamp: gave up after %d s with %d of %d answered; unanswered: %s%n", timeout.toSeconds(), answered,
                expected, desk.waiting().stream().map(s -> s.source() + " " + s.id()).collect(Collectors.joining(", ")));
            stderr.flush();
        }
        return answered;
    }

    public void summarise(int submitted, double seconds) {
        stderr.printf("gamp: %d request(s) answered in %.1f s: %s%s%n", byStatus.values().stream().mapToInt(Integer::intValue).sum(),
            seconds, byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
            directory == null ? "" : "; plans in " + directory);
        stderr.flush();
    }

    private void show(PlanDesk.Answer answer) {
        if (answer instanceof PlanDesk.Planned planned) {
            MergedPlan plan = planned.plan();
            byStatus.merge(plan.getStatus().name(), 1, Integer::sum);
            Path markdown = write(planned);
            if (json) {
                stdout.println(PlanJson.line(PlanJson.of(planned)));
            } else {
                stdout.println(summary(plan, markdown));
                planned.traceId().filter(id -> traceView != null).ifPresent(id -> stdout.println("          trace: " + traceView + id));
            }
        } else if (answer instanceof PlanDesk.Rejected rejected) {
            PlanRejected rejection = rejected.rejection();
            byStatus.merge("REJECTED", 1, Integer::sum);
            if (json) {
                stdout.println(PlanJson.line(PlanJson.of(rejection)));
            } else {
                stdout.printf("%-9s %-22s %s%n", "REJECTED", rejection.getSource(), rejection.getReasons().stream()
                    .map(r -> r.getCode() + ": " + r.getMessage()).collect(Collectors.joining("; ")));
            }
        }
        stdout.flush();
    }

    private static String summary(MergedPlan plan, Path markdown) {
        String agents = plan.getAgents().stream()
            .map(a -> a.getAgent().name().toLowerCase(Locale.ROOT) + " " + a.getStatus())
            .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%-9s %-22s Category %d (%.2f)  %2d requirements, %2d OQ tests  [%s]  %5d ms%s%s",
            plan.getStatus(), plan.getSource(), plan.getCategory().getCategory(), plan.getCategory().getConfidence(),
            plan.getRequirements().size(), plan.getTests().size(), agents, plan.getLatencyMs(),
            plan.getReviewRequired() ? "  review" : "", markdown == null ? "" : "  -> " + markdown);
    }

    /** Writes the plan's JSON and Markdown, its protocol (DOCX) and traceability matrix (XLSX); returns the Markdown path. */
    private Path write(PlanDesk.Planned planned) {
        MergedPlan plan = planned.plan();
        if (directory == null) {
            return null;
        }
        String stem = plan.getSource().replaceAll("\\.[A-Za-z0-9]+$", "").replaceAll("[^A-Za-z0-9._-]", "_")
            + "-" + CorrelationId.parse(plan.getCorrelationId()).shortForm();
        try {
            Files.writeString(directory.resolve(stem + ".json"), PlanJson.pretty(PlanJson.of(planned)) + "\n", StandardCharsets.UTF_8);
            Path markdown = directory.resolve(stem + ".md");
            Files.writeString(markdown, PlanMarkdown.render(plan), StandardCharsets.UTF_8);
            Files.write(directory.resolve(stem + "-protocol.docx"), ProtocolDocx.render(plan));
            Files.write(directory.resolve(stem + "-traceability.xlsx"), TraceabilityXlsx.render(plan));
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan for " + plan.getSource() + " to " + directory, e);
        }
    }
}
