package dev.gampplanner.planner.aggregate;

import static dev.gampplanner.planner.StreamsTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.gampplanner.planner.PlanBacklog;
import dev.gampplanner.planner.PlannerKnowledge;
import dev.gampplanner.planner.PlannerMetrics;
import dev.gampplanner.planner.StreamsTestSupport;
import dev.gampplanner.planner.aggregate.AggregatorInputs.Opened;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.runtime.signing.SigningKeyLog;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;

/** The aggregator merges a result only when it is signed by a published key of the agent it claims to come from. */
class AggregatorSigningTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final PlannerKnowledge KNOWLEDGE = PlannerKnowledge.load();

    @TempDir
    Path state;
    private TopicCatalog topics;
    private TopologyTestDriver driver;
    private SimpleMeterRegistry registry;
    private TestInputTopic<byte[], byte[]> keysIn;
    private TestOutputTopic<byte[], byte[]> merged;
    private TestOutputTopic<byte[], byte[]> late;
    private final Map<AgentKind, KeyPair> keys = new EnumMap<>(AgentKind.class);

    /** The ways a result can fail to be its agent's, each with the verdict the key ring gives it. */
    enum Forgery {
        UNSIGNED(SignatureCheck.Verdict.UNSIGNED),
        UNPUBLISHED_KEY(SignatureCheck.Verdict.UNKNOWN_KEY),
        ANOTHER_AGENTS_KEY(SignatureCheck.Verdict.WRONG_SIGNER),
        TAMPERED_VALUE(SignatureCheck.Verdict.BAD_SIGNATURE),
        RETIRED_KEY(SignatureCheck.Verdict.KEY_NOT_VALID);

        final SignatureCheck.Verdict verdict;

        Forgery(SignatureCheck.Verdict verdict) {
            this.verdict = verdict;
        }
    }

    @BeforeEach
    void start() {
        GampConfig config = StreamsTestSupport.config(state);
        topics = config.topics();
        registry = new SimpleMeterRegistry();
        driver = StreamsTestSupport.driver(AggregatorTopology.build(topics, AggregatorTopology.Settings.from(config),
            new PlanAssembler(KNOWLEDGE.stamp()), Clock.systemUTC(), new PlannerMetrics(registry), new PlanBacklog()), config, "aggregator-signing-test");
        keysIn = StreamsTestSupport.input(driver, topics.signingKeys());
        merged = StreamsTestSupport.output(driver, topics.merged());
        late = StreamsTestSupport.output(driver, topics.lateResults());
        for (AgentKind agent : AgentKind.values()) {
            keys.put(agent, SigningKeys.generate());
        }
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void resultsSignedByTheirAgentsMergeAndAnAgentWithoutPublishedKeysStillMergesUnsigned() {
        keysIn.pipeInput("garbage".getBytes(StandardCharsets.UTF_8), "not a SigningKey".getBytes(StandardCharsets.UTF_8), T0);
        publish(AgentKind.SME, keys.get(AgentKind.SME), T0, null);
        publish(AgentKind.RESEARCH, keys.get(AgentKind.RESEARCH), T0, null);
        Opened plan = open();

        pipe(plan, AgentKind.CONTEXT, AggregatorInputs.result(plan, AgentKind.CONTEXT, ResultStatus.SUCCEEDED), new RecordHeaders());
        pipeSigned(plan, AgentKind.SME, keys.get(AgentKind.SME));
        pipeSigned(plan, AgentKind.RESEARCH, keys.get(AgentKind.RESEARCH));

        assertThat(plans()).singleElement().extracting(MergedPlan::getStatus).isEqualTo(PlanStatus.COMPLETE);
        assertThat(late.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void aResultNotSignedByItsAgentIsRecordedAsForgedAndTheGenuineOneStillCompletesThePlan(Forgery forgery) {
        for (AgentKind agent : AgentKind.values()) {
            publish(agent, keys.get(agent), T0.minus(Duration.ofDays(1)), null);
        }
        Opened plan = open();
        byte[] forged = AggregatorInputs.result(plan, AgentKind.SME, ResultStatus.SUCCEEDED);
        pipe(plan, AgentKind.SME, forged, forgedHeaders(forgery, plan, forged));
        for (AgentKind agent : List.of(AgentKind.CONTEXT, AgentKind.RESEARCH)) {
            pipeSigned(plan, agent, keys.get(agent));
        }

        assertThat(merged.isEmpty()).as("the forged result does not answer for the SME agent").isTrue();
        assertThat(lateResults()).singleElement().satisfies(l -> {
            assertThat(l.getCause()).isEqualTo(LateCause.FORGED);
            assertThat(l.getAgent()).isEqualTo(AgentKind.SME);
            assertThat(l.getResultSha256()).isEqualTo(Digests.sha256Hex(forged));
            assertThat(l.getDetail()).startsWith(forgery.verdict + ": ");
        });
        assertThat(registry.counter("gamp.late.results", "reason", "forged").count()).isEqualTo(1.0);

        byte[] genuine = pipeSigned(plan, AgentKind.SME, keys.get(AgentKind.SME));
        assertThat(plans()).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(p.getAgents()).filteredOn(o -> o.getAgent() == AgentKind.SME).singleElement()
                .extracting(AgentOutcome::getResultSha256).isEqualTo(Digests.sha256Hex(genuine));
        });
        assertThat(late.isEmpty()).isTrue();
    }

    /** The forged result's headers; for a retired key, the SME agent's key is retired and a new one published. */
    private Headers forgedHeaders(Forgery forgery, Opened plan, byte[] value) {
        KeyPair sme = keys.get(AgentKind.SME);
        return switch (forgery) {
            case UNSIGNED -> new RecordHeaders();
            case UNPUBLISHED_KEY -> signature(SigningKeys.generate(), AgentKind.SME, plan, value);
            case ANOTHER_AGENTS_KEY -> signature(keys.get(AgentKind.RESEARCH), AgentKind.SME, plan, value);
            case TAMPERED_VALUE -> signature(sme, AgentKind.SME, plan, AggregatorInputs.result(plan, AgentKind.SME, ResultStatus.FAILED));
            case RETIRED_KEY -> {
                publish(AgentKind.SME, sme, T0.minus(Duration.ofDays(1)), T0);
                KeyPair next = SigningKeys.generate();
                publish(AgentKind.SME, next, T0, null);
                keys.put(AgentKind.SME, next);
                yield signature(sme, AgentKind.SME, plan, value);
            }
        };
    }

    private Opened open() {
        Opened plan = AggregatorInputs.open(topics, AggregatorInputs.urs(), Duration.ofSeconds(30), T0);
        StreamsTestSupport.input(driver, topics.coordination()).pipeInput(key(plan.id()), plan.opened().bytes(), T0);
        return plan;
    }

    private void publish(AgentKind agent, KeyPair pair, Instant from, Instant until) {
        SigningKey published = SigningKeyLog.entry(Signer.valueOf(agent.name()), pair.getPublic(), from, until);
        keysIn.pipeInput(published.getKeyId().getBytes(StandardCharsets.UTF_8), AvroCodec.encode(published), T0);
    }

    private byte[] pipeSigned(Opened plan, AgentKind agent, KeyPair pair) {
        byte[] value = AggregatorInputs.result(plan, agent, ResultStatus.SUCCEEDED);
        pipe(plan, agent, value, signature(pair, agent, plan, value));
        return value;
    }

    private Headers signature(KeyPair pair, AgentKind agent, Opened plan, byte[] value) {
        Headers headers = new RecordHeaders();
        RecordSignature.sign(pair.getPrivate(), SigningKeys.keyId(pair.getPublic()), topics.agentResults(agent), key(plan.id()), value, headers);
        return headers;
    }

    private void pipe(Opened plan, AgentKind agent, byte[] value, Headers headers) {
        StreamsTestSupport.input(driver, topics.agentResults(agent))
            .pipeInput(new TestRecord<>(key(plan.id()), value, headers, T0.plusMillis(100)));
    }

    private List<MergedPlan> plans() {
        return merged.readRecordsToList().stream().map(r -> AvroCodec.decode(r.value(), MergedPlan.class)).toList();
    }

    private List<LateResult> lateResults() {
        return late.readRecordsToList().stream().map(r -> AvroCodec.decode(r.value(), LateResult.class)).toList();
    }
}
