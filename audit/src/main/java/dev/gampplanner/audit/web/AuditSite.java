package dev.gampplanner.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.MergedPlan;

/**
 * The auditor's read-only web view over the topics: the plans, one plan's trail with every check, the verify report
 * for a time range, and a plan's downloads. Every page reads the topics afresh (committed records only), so what it
 * shows is what is on the log at that moment. It serves GET only and writes nothing to the broker.
 *
 * <p>The JDK's own HTTP server is enough for a handful of auditors and pulls in no web framework; the pages are
 * plain HTML with inline CSS, without scripts, so they work where nothing is reachable but this server.
 */
public final class AuditSite implements AutoCloseable {

    public static final String USER = "auditor";

    private final GampConfig config;
    private final AuditVerifier verifier;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    /**
     * @param address  where to listen
     * @param password the password every request must bring (HTTP Basic, user {@value #USER}), or null for none
     */
    public AuditSite(GampConfig config, Duration grace, InetSocketAddress address, String password) throws IOException {
        this.config = config;
        this.verifier = new AuditVerifier(config.topics(), config.defaultDeadline(), grace);
        this.server = HttpServer.create(address, 0);
        HttpContext context = server.createContext("/", this::handle);
        if (password != null) {
            context.setAuthenticator(new BasicAuthenticator("GAMP Planner audit") {
                @Override
                public boolean checkCredentials(String user, String given) {
                    return USER.equals(user) && MessageDigest.isEqual(utf8(password), utf8(given));
                }
            });
        }
        server.setExecutor(workers);
    }

    public AuditSite start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", utf8("read-only: GET and HEAD only\n"));
                return;
            }
            try {
                route(exchange);
            } catch (IllegalArgumentException e) {
                sendPage(exchange, 400, Html.page("Bad request", "<p>" + Html.escape(e.getMessage()) + "</p>"));
            } catch (RuntimeException e) {
                sendPage(exchange, 500, Html.page("The topics could not be read", "<p>" + Html.escape(e) + "</p>"));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/")) {
            sendPage(exchange, 200, PlansPage.render(rows(), PlanFilter.of(query)));
        } else if (path.equals("/verify")) {
            VerifyPage.Range range = VerifyPage.Range.of(query);
            // Links may point at records written shortly before the range; read a little earlier than it.
            AuditLog log = new AuditLog(config);
            List<LogRecord> records = log.everything(range.since() == null ? null : range.since().minus(config.maxDeadline()));
            AuditReport report = verifier.verify(records, log.signingKeys(), Instant.now(), range.since(), range.until());
            sendPage(exchange, 200, VerifyPage.render(report, range, records.size()));
        } else if (path.startsWith("/plans/")) {
            plan(exchange, path.substring("/plans/".length()).split("/", 2));
        } else {
            sendPage(exchange, 404, Html.page("Not found", "<p>No page " + Html.escape(path) + ".</p>"));
        }
    }

    private void plan(HttpExchange exchange, String[] parts) throws IOException {
        String id = parts[0];
        if (!CorrelationId.isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a correlation id (a UUID)");
        }
        AuditLog log = new AuditLog(config);
        List<LogRecord> trail = log.plan(id);
        if (trail.isEmpty()) {
            sendPage(exchange, 404, Html.page("Plan " + id, "<p>No record of this plan on any topic.</p>"));
            return;
        }
        if (parts.length == 1) {
            sendPage(exchange, 200, PlanPage.render(id, trail, verifier.verify(trail, log.signingKeys(), Instant.now(), null, null)));
            return;
        }
        PlanDownload download = PlanDownload.byFile(parts[1])
            .orElseThrow(() -> new IllegalArgumentException("no download named '" + parts[1] + "'"));
        MergedPlan plan = trail.stream().flatMap(r -> r.as(MergedPlan.class).stream()).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("plan " + id + " has not been emitted"));
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + id + "-" + download.file + "\"");
        send(exchange, 200, download.contentType, download.render(plan));
    }

    private List<PlanRow> rows() {
        AuditLog log = new AuditLog(config);
        List<LogRecord> records = log.everything(null);
        AuditReport report = verifier.verify(records, log.signingKeys(), Instant.now(), null, null);
        Map<String, List<LogRecord>> byPlan = records.stream()
            .filter(r -> CorrelationId.isValid(r.key()))
            .collect(Collectors.groupingBy(LogRecord::key, LinkedHashMap::new, Collectors.toList()));
        return byPlan.entrySet().stream().map(e -> PlanRow.of(e.getKey(), e.getValue(), report))
            .sorted(Comparator.comparing(PlanRow::requestedAt).reversed()).toList();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static void sendPage(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", utf8(html));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
