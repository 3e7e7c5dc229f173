package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gampplanner.bench.AgentDelays;
import dev.gampplanner.bench.GampProcess;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.system.ExportedSpans.ExportedSpan;
import dev.gampplanner.system.ExportedSpans.Kind;

/**
 * Every service as its own process with the OpenTelemetry agent attached (OTEL_TRACES_EXPORTER=logging-otlp), an
 * upstream submitter too: each plan is one trace from the upstream's publish through the intake, the three agents
 * working side by side and the aggregator to the merged plan, whose JSON names the trace; a partial plan's trace
 * shows its deadline.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKER_SCOPE = "dev.gampplanner.agent-runtime";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    @Test
    void eachPlanIsOneTraceThroughEveryHopAndAPartialPlansTraceShowsItsDeadline(TestBroker broker, @TempDir Path dir) {
        GampConfig config = TestConfigs.fresh(broker, dir.resolve("state"));
        TopicCatalog topics = config.topics();
        Map<String, String> env = tracedEnvironment(config, dir);
        // Agents slowed to 3 s each, so that working side by side shows as overlapping spans even when one of them
        // picks its request up a second later than the others on a busy machine.
        env.put(AgentDelays.ALL, "3s");
        List<Path> logs = new ArrayList<>();
        // One service per process, as they are deployed: the agent's instrumentation takes heap of its own, and two
        // agents with it in one 112 MB heap can run out while the context agent loads its model.
        try (GampProcess planner = serve("planner", env, dir, logs, "planner");
             GampProcess context = serve("context", env, dir, logs, "context");
             GampProcess sme = serve("sme", env, dir, logs, "sme")) {
            JsonNode partial = submit("submit-partial", env, dir, logs, "12s", "../examples/urs/URS-003.md").get(0);
            assertThat(partial.path("status").asText()).isEqualTo("PARTIAL");
            List<ExportedSpan> deadlineTrace = awaitTrace(logs, partial, spans -> has(spans, s -> s.name().equals("plan deadline"))
                && has(spans, producerTo(topics.merged())));
            assertOneConnectedTrace(deadlineTrace, topics, partial, List.of(AgentKind.CONTEXT, AgentKind.SME));
            ExportedSpan deadline = only(deadlineTrace, s -> s.name().equals("plan deadline"));
            assertThat(deadline.attribute("gamp.correlation_id")).isEqualTo(partial.path("correlationId").asText());
            assertThat(deadlineTrace).as("DeadlineExpired is written in the deadline's span")
                .anyMatch(s -> producerTo(topics.coordination()).test(s) && s.parentSpanId().equals(deadline.spanId()));

            try (GampProcess research = serve("research", env, dir, logs, "research")) {
                // One at a time: two plans at once would queue one behind the other at an agent with one worker free,
                // and the agents' overlap is asserted for a plan that had each agent to itself.
                List<JsonNode> plans = new ArrayList<>(submit("submit-1", env, dir, logs, "90s", "../examples/urs/URS-001.md"));
                plans.addAll(submit("submit-2", env, dir, logs, "90s", "../examples/urs/URS-002.md"));
                assertThat(plans).hasSize(2).allSatisfy(plan -> assertThat(plan.path("status").asText()).isEqualTo("COMPLETE"));
                assertThat(plans).extracting(plan -> plan.path("traceId").asText()).doesNotHaveDuplicates()
                    .allMatch(id -> id.matches("[0-9a-f]{32}"));
                for (JsonNode plan : plans) {
                    List<ExportedSpan> trace = awaitTrace(logs, plan, spans -> has(spans, producerTo(topics.merged()))
                        && agentSpans(spans).size() == 3);
                    assertOneConnectedTrace(trace, topics, plan, List.of(AgentKind.values()));
                    List<ExportedSpan> agents = agentSpans(trace);
                    long lastStart = agents.stream().mapToLong(ExportedSpan::startNanos).max().orElseThrow();
                    long firstEnd = agents.stream().mapToLong(ExportedSpan::endNanos).min().orElseThrow();
                    assertThat(lastStart).as("the three agents work on the plan at the same time").isLessThan(firstEnd);
                }
            }
        }
    }

    /**
     * One root, the upstream's publish of the PlanRequest; every other span's parent in the trace; the intake under
     * the upstream, each agent's CONSUMER span under the intake's AgentRequest, the aggregator under each result.
     */
    private static void assertOneConnectedTrace(List<ExportedSpan> trace, TopicCatalog topics, JsonNode plan,
                                                List<AgentKind> agents) {
        String correlationId = plan.path("correlationId").asText();
        Map<String, ExportedSpan> byId = trace.stream().collect(Collectors.toMap(ExportedSpan::spanId, s -> s));
        assertThat(trace).filteredOn(ExportedSpan::isRoot).as("roots of trace " + plan.path("traceId").asText()).hasSize(1);
        assertThat(trace).filteredOn(s -> !s.isRoot()).allSatisfy(s ->
            assertThat(byId).as("parent of " + s.name() + " in " + s.service()).containsKey(s.parentSpanId()));
        ExportedSpan root = only(trace, ExportedSpan::isRoot);
        assertThat(root.service()).isEqualTo("upstream");
        assertThat(producerTo(topics.planRequests()).test(root)).as("the root is the upstream's publish").isTrue();
        ExportedSpan intake = only(trace, consumerOf(topics.planRequests()));
        assertThat(intake.service()).isEqualTo("planner");
        assertThat(intake.parentSpanId()).isEqualTo(root.spanId());
        assertThat(agentSpans(trace)).extracting(s -> s.attribute("gamp.agent"))
            .containsExactlyInAnyOrderElementsOf(agents.stream().map(TopicCatalog::agentName).toList());
        for (AgentKind agent : agents) {
            String name = TopicCatalog.agentName(agent);
            ExportedSpan work = only(agentSpans(trace), s -> s.attribute("gamp.agent").equals(name));
            assertThat(work.kind()).isEqualTo(Kind.CONSUMER);
            assertThat(work.attribute("gamp.correlation_id")).isEqualTo(correlationId);
            assertThat(work.attribute("messaging.destination.name")).isEqualTo(topics.agentRequests(agent));
            ExportedSpan request = byId.get(work.parentSpanId());
            assertThat(producerTo(topics.agentRequests(agent)).test(request)).as(name + " agent's parent").isTrue();
            assertThat(ancestors(request, byId)).as("the intake wrote the " + name + " request").contains(intake);
            ExportedSpan result = only(trace, s -> producerTo(topics.agentResults(agent)).test(s)
                && s.parentSpanId().equals(work.spanId()));
            assertThat(trace).as("the aggregator read the " + name + " result")
                .anyMatch(s -> consumerOf(topics.agentResults(agent)).test(s) && s.parentSpanId().equals(result.spanId())
                    && s.service().equals("planner"));
        }
        assertThat(trace).as("the merged plan is published in the trace").anyMatch(producerTo(topics.merged()));
    }

    /** The worker spans the agent services make for share-consumer work. */
    private static List<ExportedSpan> agentSpans(List<ExportedSpan> trace) {
        return trace.stream().filter(s -> s.scope().equals(WORKER_SCOPE)).toList();
    }

    private static List<ExportedSpan> ancestors(ExportedSpan span, Map<String, ExportedSpan> byId) {
        List<ExportedSpan> chain = new ArrayList<>();
        for (ExportedSpan at = byId.get(span.parentSpanId()); at != null; at = byId.get(at.parentSpanId())) {
            chain.add(at);
        }
        return chain;
    }

    private static Predicate<ExportedSpan> producerTo(String topic) {
        return s -> s.kind() == Kind.PRODUCER && s.attribute("messaging.destination.name").equals(topic);
    }

    private static Predicate<ExportedSpan> consumerOf(String topic) {
        return s -> s.kind() == Kind.CONSUMER && s.attribute("messaging.destination.name").equals(topic)
            && !s.scope().equals(WORKER_SCOPE);
    }

    private static boolean has(List<ExportedSpan> spans, Predicate<ExportedSpan> wanted) {
        return spans.stream().anyMatch(wanted);
    }

    private static ExportedSpan only(List<ExportedSpan> spans, Predicate<ExportedSpan> wanted) {
        List<ExportedSpan> found = spans.stream().filter(wanted).toList();
        assertThat(found).as("matching spans among " + describe(spans)).hasSize(1);
        return found.get(0);
    }

    /** The plan's spans, once the exporters (200 ms batches) have written all that {@code complete} asks for. */
    private static List<ExportedSpan> awaitTrace(List<Path> logs, JsonNode plan, Predicate<List<ExportedSpan>> complete) {
        String traceId = plan.path("traceId").asText();
        assertThat(traceId).as("trace id of plan " + plan.path("correlationId").asText()).matches("[0-9a-f]{32}");
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ExportedSpan> trace;
        do {
            trace = ExportedSpans.read(logs).stream().filter(s -> s.traceId().equals(traceId)).toList();
            if (complete.test(trace)) {
                return trace;
            }
            pause();
        } while (System.nanoTime() < giveUp);
        return trace;
    }

    private static String describe(List<ExportedSpan> spans) {
        return spans.stream().map(s -> s.service() + ":" + s.kind() + ":" + s.name() + ":" + s.scope())
            .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Map<String, String> tracedEnvironment(GampConfig config, Path dir) {
        Map<String, String> env = new HashMap<>(config.environment());
        env.put("GAMP_STATE_DIR", dir.resolve("child-state").toString());
        env.put("OTEL_TRACES_EXPORTER", "logging-otlp");
        env.put("OTEL_METRICS_EXPORTER", "none");
        env.put("OTEL_LOGS_EXPORTER", "none");
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        return env;
    }

    private static GampProcess serve(String name, Map<String, String> env, Path dir, List<Path> logs, String... services) {
        Map<String, String> own = new HashMap<>(env);
        own.put("OTEL_SERVICE_NAME", name.equals("planner") ? "planner" : "agents-" + name);
        logs.add(dir.resolve(name + ".log"));
        return GampProcess.benchServe(name, own, dir, services).start().awaitReady(STARTUP);
    }

    /** {@code gamp submit --wait --json} as an upstream process of its own; returns the plans it printed. */
    private static List<JsonNode> submit(String name, Map<String, String> env, Path dir, List<Path> logs, String deadline,
                                         String... documents) {
        Map<String, String> own = new HashMap<>(env);
        own.put("OTEL_SERVICE_NAME", "upstream");
        List<String> arguments = new ArrayList<>(List.of("submit", "--wait", "--json", "--deadline", deadline));
        arguments.addAll(List.of(documents));
        logs.add(dir.resolve(name + ".log"));
        // The plans on stdout, the exporter's spans and the summary on stderr: each stream to its own file.
        Path printed = dir.resolve(name + ".out");
        try (GampProcess submit = GampProcess.command(name, own, dir, arguments.toArray(String[]::new)).stdoutTo(printed)
                .start()) {
            submit.awaitOutput("request(s) answered", STARTUP);
            List<JsonNode> plans = new ArrayList<>();
            for (String line : Files.readAllLines(printed)) {
                if (line.startsWith("{\"correlationId\"")) {
                    plans.add(JSON.readTree(line));
                }
            }
            assertThat(plans).hasSize(documents.length);
            return plans;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
