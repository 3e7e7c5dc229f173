package dev.gampplanner.llm.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.gampplanner.schema.AgentKind;

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol ({@code POST /v1/chat/completions}), for the tests
 * and the benchmark's LLM-bound run: no model is reachable there, so this one drafts from the prompt itself. Each agent's calls follow a script of
 * replies, the last of which repeats; it records every request it received and how many were in flight at once.
 */
public final class OpenAiProtocolServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received call: when, and the request body. */
    public record Call(long receivedAtNanos, JsonNode request) {

        /** The user message: the prompt the agent built from its analysis. */
        public JsonNode prompt() {
            JsonNode content = request.get("messages").get(1).get("content");
            try {
                return JSON.readTree(content.isArray() ? content.get(0).get("text").asText() : content.asText());
            } catch (IOException e) {
                throw new IllegalStateException("the user message is not JSON", e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "openai-protocol-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<AgentKind, List<Reply>> scripts = new EnumMap<>(AgentKind.class);
    private final Map<AgentKind, List<Call>> calls = new EnumMap<>(AgentKind.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private OpenAiProtocolServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(handlers);
        for (AgentKind kind : AgentKind.values()) {
            scripts.put(kind, new ArrayList<>(List.of(Reply.good())));
            calls.put(kind, new ArrayList<>());
        }
    }

    public static OpenAiProtocolServer start() {
        try {
            OpenAiProtocolServer started = new OpenAiProtocolServer();
            started.server.start();
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the protocol server", e);
        }
    }

    /** The base URL an agent is pointed at ({@code GAMP_LLM_BASE_URL}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The replies to the agent's next calls, in order; the last repeats. */
    public synchronized OpenAiProtocolServer script(AgentKind agent, Reply... replies) {
        scripts.put(agent, new ArrayList<>(List.of(replies)));
        calls.get(agent).clear();
        return this;
    }

    public synchronized List<Call> calls(AgentKind agent) {
        return List.copyOf(calls.get(agent));
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            AgentKind agent = ProtocolDrafts.agentOf(request);
            Reply reply;
            synchronized (this) {
                calls.get(agent).add(new Call(System.nanoTime(), request));
                List<Reply> script = scripts.get(agent);
                reply = script.size() > 1 ? script.remove(0) : script.get(0);
            }
            answer(exchange, request, agent, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, JsonNode request, AgentKind agent, Reply reply) throws IOException, InterruptedException {
        if (reply.delay().compareTo(Duration.ZERO) > 0) {
            Thread.sleep(reply.delay().toMillis());
        }
        if (reply.status() != 200) {
            if (reply.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
            }
            send(exchange, reply.status(), "{\"error\":{\"message\":\"" + reply.kind() + "\",\"type\":\"server_error\"}}");
            return;
        }
        String content = switch (reply.kind()) {
            case GOOD -> JSON.writeValueAsString(ProtocolDrafts.good(agent, new Call(0, request).prompt()));
            case INVENTED -> JSON.writeValueAsString(ProtocolDrafts.invented(agent, new Call(0, request).prompt()));
            case MALFORMED -> "{\"" + ProtocolDrafts.rootProperty(agent) + "\": [{\"id\": ";
            default -> throw new IllegalStateException("no content for " + reply.kind());
        };
        ObjectNode completion = JSON.createObjectNode()
            .put("id", "chatcmpl-test")
            .put("object", "chat.completion")
            .put("created", 1_700_000_000L)
            .put("model", request.path("model").asText());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        completion.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 50).put("total_tokens", 150);
        send(exchange, 200, JSON.writeValueAsString(completion));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** How the server answers one call. */
    public record Reply(Kind kind, int status, String retryAfter, Duration delay) {

        public enum Kind { GOOD, INVENTED, MALFORMED, ERROR }

        /** A draft that covers everything the prompt lists, naming only its ids. */
        public static Reply good() {
            return new Reply(Kind.GOOD, 200, null, Duration.ZERO);
        }

        /** A good draft, except one id the prompt never named. */
        public static Reply invented() {
            return new Reply(Kind.INVENTED, 200, null, Duration.ZERO);
        }

        /** A message that is not complete JSON. */
        public static Reply malformed() {
            return new Reply(Kind.MALFORMED, 200, null, Duration.ZERO);
        }

        /** An HTTP error, with a Retry-After header when {@code retryAfter} is not null. */
        public static Reply error(int status, String retryAfter) {
            return new Reply(Kind.ERROR, status, retryAfter, Duration.ZERO);
        }

        /** This reply, after holding the call for {@code delay}. */
        public Reply after(Duration delay) {
            return new Reply(kind, status, retryAfter, delay);
        }
    }
}
