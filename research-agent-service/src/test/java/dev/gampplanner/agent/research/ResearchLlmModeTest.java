package dev.gampplanner.agent.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gampplanner.llm.LlmMode;
import dev.gampplanner.llm.testing.OpenAiProtocolServer;
import dev.gampplanner.llm.testing.OpenAiProtocolServer.Reply;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentResults;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentMode;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.ExchangeOutcome;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.GuidanceRationale;
import dev.gampplanner.schema.ModelExchange;
import dev.gampplanner.schema.ResearchFindings;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * The research agent in LLM mode against a real HTTP server speaking the OpenAI protocol: each of the documented
 * outcomes, each result replayed byte for byte from what it records, without the server.
 */
class ResearchLlmModeTest {

    private static final ResearchAgent ANALYST = ResearchAgent.load();
    private static final ResearchDrafts DRAFTS = new ResearchDrafts();
    private static final String MODEL = "test-model-1";

    private final OpenAiProtocolServer server = OpenAiProtocolServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aGoodDraftAddsTheModelsReasonsToTheAnalysisAndIsAskedForWithAStrictSchema() throws Exception {
        AgentResult result = run(agent(Map.of()), request(Duration.ofSeconds(20)));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(result.getMode()).isEqualTo(AgentMode.LLM);
        assertThat(result.getModel()).isEqualTo(MODEL);
        ResearchFindings findings = (ResearchFindings) result.getPayload();
        ResearchFindings analysis = ANALYST.analyse(request(Duration.ofSeconds(20)));
        // The result was written, which wrote each item's status mirror; the analysis in memory has none yet.
        assertThat(findings.getItems()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("status")
            .containsExactlyElementsOf(analysis.getItems());
        assertThat(findings.getRationales()).extracting(GuidanceRationale::getGuidanceId)
            .containsExactlyElementsOf(analysis.getItems().stream().map(GuidanceFinding::getId).toList());
        assertThat(findings.getRationales()).allSatisfy(r -> assertThat(r.getWhyItMatters()).startsWith("Model rationale: "));
        assertThat(result.getGeneration().getPromptTemplateVersion()).isEqualTo(ResearchDrafts.TEMPLATE_VERSION);
        assertThat(result.getGeneration().getPromptSha256()).hasSize(64);
        assertThat(result.getGeneration().getExchanges()).singleElement()
            .satisfies(e -> assertThat(e.getOutcome()).isEqualTo(ExchangeOutcome.RESPONSE));

        var call = server.calls(AgentKind.RESEARCH).get(0).request();
        assertThat(call.get("model").asText()).isEqualTo(MODEL);
        assertThat(call.get("temperature").asDouble()).isZero();
        assertThat(call.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(call.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(call.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(server.calls(AgentKind.RESEARCH).get(0).prompt().get("guidance")).hasSameSizeAs(analysis.getItems());
        assertReplaysByteForByte(result);
    }

    @Test
    void aDraftNamingAnIdTheAnalysisDidNotProduceIsRejectedWithTheIdAndNotRetried() {
        server.script(AgentKind.RESEARCH, Reply.invented());
        AgentResult result = run(agent(Map.of()), request(Duration.ofSeconds(20)));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.getPayload()).isNull();
        assertThat(result.getError().getCode()).isEqualTo("LLM_OUTPUT_REJECTED");
        assertThat(result.getError().getMessage()).contains("guidance item 'URS-INVENTED-999'");
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(1);
        assertReplaysByteForByte(result);
    }

    @Test
    void malformedJsonIsAskedForAgainAndAGoodSecondAnswerSucceeds() {
        server.script(AgentKind.RESEARCH, Reply.malformed(), Reply.good());
        AgentResult result = run(agent(Map.of()), request(Duration.ofSeconds(20)));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(result.getGeneration().getExchanges()).hasSize(2);
        assertReplaysByteForByte(result);
    }

    @Test
    void malformedJsonEveryTimeFailsAfterTheLastCallWithTheParseError() {
        server.script(AgentKind.RESEARCH, Reply.malformed());
        AgentResult result = run(agent(Map.of("GAMP_LLM_MAX_CALLS", "3")), request(Duration.ofSeconds(20)));

        assertThat(result.getError().getCode()).isEqualTo("LLM_OUTPUT_INVALID");
        assertThat(result.getError().getMessage()).contains("in 3 call(s)").contains("not the draft's JSON");
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(3);
        assertThat(result.getGeneration().getExchanges()).extracting(ModelExchange::getResponse).allSatisfy(r -> assertThat(r).startsWith("{"));
        assertReplaysByteForByte(result);
    }

    @Test
    void a429WaitsAsLongAsRetryAfterSaysThenSucceeds() {
        server.script(AgentKind.RESEARCH, Reply.error(429, "1"), Reply.good());
        AgentResult result = run(agent(Map.of()), request(Duration.ofSeconds(20)));

        assertThat(result.getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
        List<OpenAiProtocolServer.Call> calls = server.calls(AgentKind.RESEARCH);
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).receivedAtNanos() - calls.get(0).receivedAtNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.getGeneration().getExchanges().get(0).getOutcome()).isEqualTo(ExchangeOutcome.RATE_LIMITED);
        assertThat(result.getGeneration().getExchanges().get(0).getDetail()).contains("Retry-After 1000 ms");
        assertReplaysByteForByte(result);
    }

    @Test
    void a429WhoseRetryAfterOutlastsTheBudgetFailsByTheBudget() {
        server.script(AgentKind.RESEARCH, Reply.error(429, "30"));
        long started = System.nanoTime();
        AgentResult result = run(agent(Map.of("GAMP_AGENT_TIME_BUDGET", "3s")), request(Duration.ofSeconds(20)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.getError().getCode()).isEqualTo("LLM_RATE_LIMITED");
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(1);
        assertReplaysByteForByte(result);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenFail() {
        server.script(AgentKind.RESEARCH, Reply.error(500, null));
        AgentResult result = run(agent(Map.of("GAMP_LLM_MAX_CALLS", "3", "GAMP_RETRY_BACKOFF", "50ms")), request(Duration.ofSeconds(20)));

        assertThat(result.getError().getCode()).isEqualTo("LLM_SERVER_ERROR");
        assertThat(result.getError().getMessage()).contains("HTTP 500");
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(3);
        assertReplaysByteForByte(result);
    }

    @Test
    void aCallHangingPastTheBudgetFailsAsATimeoutBeforeTheBudgetEnds() {
        server.script(AgentKind.RESEARCH, Reply.good().after(Duration.ofSeconds(30)));
        long started = System.nanoTime();
        AgentResult result = run(agent(Map.of("GAMP_AGENT_TIME_BUDGET", "2s")), request(Duration.ofSeconds(20)));

        // The agent gives up at four fifths of the budget; the rest is slack for a late-delivered timeout on a busy machine.
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThan(Duration.ofMillis(1500)).isLessThan(Duration.ofMillis(2500));
        assertThat(result.getError().getCode()).isEqualTo("LLM_TIMEOUT");
        assertReplaysByteForByte(result);
    }

    @Test
    void aRefusedConnectionFailsAsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AgentResult result = run(agent(Map.of("GAMP_LLM_BASE_URL", "http://127.0.0.1:" + closedPort + "/v1", "GAMP_LLM_MAX_CALLS", "2",
            "GAMP_RETRY_BACKOFF", "50ms")), request(Duration.ofSeconds(20)));

        assertThat(result.getError().getCode()).isEqualTo("LLM_UNREACHABLE");
        assertThat(result.getGeneration().getExchanges()).hasSize(2)
            .allSatisfy(e -> assertThat(e.getOutcome()).isEqualTo(ExchangeOutcome.UNREACHABLE));
        assertReplaysByteForByte(result);
    }

    @Test
    void aRefusedKeyFailsAtOnce() {
        server.script(AgentKind.RESEARCH, Reply.error(401, null));
        AgentResult result = run(agent(Map.of()), request(Duration.ofSeconds(20)));

        assertThat(result.getError().getCode()).isEqualTo("LLM_REQUEST_REFUSED");
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(1);
    }

    @Test
    void theConcurrencySettingBoundsCallsInFlight() throws Exception {
        server.script(AgentKind.RESEARCH, Reply.good().after(Duration.ofMillis(300)));
        Agent agent = agent(Map.of("GAMP_RESEARCH_LLM_CONCURRENCY", "2"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<AgentResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> run(agent, request(Duration.ofSeconds(20)))));
            }
            for (Future<AgentResult> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(6);
        assertThat(server.maxInFlight()).isEqualTo(2);
    }

    private Agent agent(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of("GAMP_MODE", "llm", "GAMP_LLM_BASE_URL", server.baseUrl(),
            "GAMP_LLM_MODEL", MODEL, "GAMP_LLM_TIMEOUT", "10s"));
        environment.putAll(overrides);
        return LlmMode.configure(ANALYST, DRAFTS, GampConfig.fromEnvironment(environment));
    }

    private static AgentRequest request(Duration deadline) {
        return AgentRequest.newBuilder(Examples.request("URS-001", 4)).setDeadline(Instant.now().plus(deadline)).build();
    }

    private static AgentResult run(Agent agent, AgentRequest request) {
        return AgentResults.run(agent, request, "a".repeat(64));
    }

    /** Replay rebuilds the same bytes from the result alone: the server is not asked again. */
    private void assertReplaysByteForByte(AgentResult recorded) {
        int callsBefore = server.calls(AgentKind.RESEARCH).size();
        AgentResult replayed = AgentResults.run(LlmMode.replaying(ANALYST, DRAFTS, recorded), request(Duration.ofSeconds(20)),
            "a".repeat(64));
        assertThat(AvroCodec.encode(replayed)).isEqualTo(AvroCodec.encode(recorded));
        assertThat(server.calls(AgentKind.RESEARCH)).hasSize(callsBefore);
    }
}
