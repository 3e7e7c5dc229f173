package dev.gampplanner.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.gampplanner.audit.web.AuditSite;
import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.runtime.config.GampConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The auditor's web view, on loopback only: whoever can reach it reads every plan, so it is never exposed as is. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves read-only web pages for auditors on http://127.0.0.1:PORT/ until stopped: the plans (status, "
        + "category, source, submitted by, latency, whether their links verify; search by correlation id, source, day, "
        + "status), one plan's trail across every topic with each digest link and check, the verify report for a time "
        + "range, and the plan's downloads (JSON, Markdown, protocol .docx, traceability .xlsx).",
        "It binds the loopback interface only; reach it from elsewhere through an SSH tunnel. It reads with the "
            + "KAFKA_* credentials of the environment (the auditor's, on a secured broker) and writes nothing."})
final class AuditServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8070",
        description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1m",
        description = "How long after its deadline an answer may still be on its way (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        GampConfig config = Environment.connectedConfig();
        CountDownLatch stopped = new CountDownLatch(1);
        try (AuditSite site = new AuditSite(config, grace, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gamp-audit-serve-shutdown"));
            out.println("Audit view on http://127.0.0.1:" + site.port() + "/ (read-only, loopback only); Ctrl-C stops it");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
