package dev.gampplanner.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The auditor's web view: whoever reaches it reads every plan, so beyond loopback it asks for a password. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves read-only web pages for auditors on http://127.0.0.1:PORT/ until stopped: the plans (status, "
        + "category, source, submitted by, latency, whether their links verify; search by correlation id, source, day, "
        + "status), one plan's trail across every topic with each digest link and check, the verify report for a time "
        + "range, and the plan's downloads (JSON, Markdown, protocol .docx, traceability .xlsx).",
        "It binds the loopback interface unless --bind says otherwise, and then only with --password-file. It reads "
            + "with the KAFKA_* credentials of the environment (the auditor's, on a secured broker) and writes nothing."})
final class AuditServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8070",
        description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Interface to listen on (default ${DEFAULT-VALUE}); any other than loopback needs --password-file.")
    String bind;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "Ask every request for this password (HTTP Basic, user 'auditor'). Plain HTTP sends it in the clear: "
            + "beyond one machine, put TLS in front.")
    Path passwordFile;

    @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1m",
        description = "How long after its deadline an answer may still be on its way (default ${DEFAULT-VALUE}).")
    Duration grace;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        InetAddress address = InetAddress.getByName(bind);
        String password = passwordFile == null ? null : Files.readString(passwordFile).strip();
        if (password != null && password.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the password file " + passwordFile + " is empty");
        }
        if (!address.isLoopbackAddress() && password == null) {
            throw new ParameterException(spec.commandLine(), "--bind " + bind + " reaches beyond this machine: every plan "
                + "would be readable by whoever reaches it; give --password-file, or keep the default 127.0.0.1");
        }
        GampConfig config = Environment.connectedConfig();
        CountDownLatch stopped = new CountDownLatch(1);
        try (AuditSite site = new AuditSite(config, grace, new InetSocketAddress(address, port), password).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "gamp-audit-serve-shutdown"));
            out.println("Audit view on http://" + bind + ":" + site.port() + "/ (read-only"
                + (password == null ? "" : ", password asked of user " + AuditSite.USER) + "); Ctrl-C stops it");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
