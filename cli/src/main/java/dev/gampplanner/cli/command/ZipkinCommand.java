package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.gampplanner.cli.support.ZipkinServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The local trace view: a Zipkin server on loopback, until stopped. */
@Command(name = "zipkin", mixinStandardHelpOptions = true,
    description = {"Runs a Zipkin server (in-memory, with its web UI) on 127.0.0.1 until stopped: the local view of the "
        + "services' traces. The server (io.zipkin:zipkin-server, 135 MB) is fetched with Maven on first use into "
        + "~/.cache/gamp/, or GAMP_ZIPKIN_JAR names a copy.",
        "Services send their spans to it when started with OTEL_TRACES_EXPORTER=zipkin and "
        + "OTEL_EXPORTER_ZIPKIN_ENDPOINT=http://127.0.0.1:PORT/api/v2/spans; 'gamp demo --traces' does that itself."})
public final class ZipkinCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ZipkinServer.DEFAULT_PORT,
        description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter stderr = spec.commandLine().getErr();
        if (ZipkinServer.answers(port)) {
            throw new IllegalArgumentException("a Zipkin server already answers on port " + port);
        }
        try (ZipkinServer server = ZipkinServer.start(port, null, stderr)) {
            stderr.printf("gamp zipkin: traces at %s (Ctrl-C stops it); send spans with%n"
                + "  OTEL_TRACES_EXPORTER=zipkin OTEL_EXPORTER_ZIPKIN_ENDPOINT=%s%n", ZipkinServer.home(port),
                ZipkinServer.spansEndpoint(port));
            stderr.flush();
            return server.awaitExit() == 0 ? 0 : 1;
        }
    }
}
