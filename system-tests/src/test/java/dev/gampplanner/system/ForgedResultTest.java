package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.Check;
import dev.gampplanner.cli.support.SecuredDeployment;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.TestCluster;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.runtime.signing.SigningKeys;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.runtime.topics.Role;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.RiskLevel;
import dev.gampplanner.schema.SmeAssessment;
import dev.gampplanner.schema.codec.AvroCodec;
import dev.gampplanner.schema.codec.Digests;

/**
 * On a secured broker with every service on its own principal and signing with its own published key, the holder of
 * the SME agent's topic credentials (but not its private key) writes SME results with a correct digest chain: one
 * unsigned, one claiming the agent's key with another key's signature. Neither is merged; both are on
 * plan.late-results as FORGED, the plan completes with the agent's genuine result, and the auditor's verify reports
 * both and nothing else.
 */
class ForgedResultTest {

    @RegisterExtension
    static final TestCluster BROKER = TestCluster.nodes(1).secured();

    @Test
    void resultsWrittenWithTheAgentsCredentialsButNotItsKeyAreNeverMerged(@TempDir Path dir) throws Exception {
        Path adminPassword = Files.writeString(dir.resolve("admin.password"), BROKER.security().adminPassword() + "\n");
        GampConfig admin = TestConfigs.fresh(BROKER.broker(), dir.resolve("state"), Map.of(
            "KAFKA_SASL_USERNAME", BROKER.security().adminUser(), "KAFKA_SASL_PASSWORD_FILE", adminPassword.toString()));
        SecuredDeployment deployment = SecuredDeployment.apply(admin, dir.resolve("credentials"), applied -> { });
        KeyPair smeKey = deployment.as(Role.SME).signingKey().orElseThrow();
        GampConfig smeWithoutKey = deployment.as(Role.SME).with(Map.of(Setting.SIGNING_KEY_FILE.variable(), ""));
        String smeResults = admin.topics().agentResults(AgentKind.SME);

        List<AutoCloseable> services = new ArrayList<>();
        try (PlanDesk desk = new PlanDesk(deployment.as(Role.SUBMITTER))) {
            services.add(deployment.start(List.of("planner", "context", "research")));
            PlanDesk.Submission submission = desk.submit(UrsFile.bundledExamples().get(0), null, Instant.now().plusSeconds(120),
                "forged result test");
            byte[] key = submission.id().toString().getBytes(StandardCharsets.UTF_8);
            ConsumerRecord<byte[], byte[]> request;
            try (TopicProbe requests = new TopicProbe(admin, admin.topics().agentRequests(AgentKind.SME))) {
                request = requests.awaitCount(1, Duration.ofSeconds(60)).get(0);
            }
            assertThat(request.key()).isEqualTo(key);

            byte[] unsigned = forgedResult(submission.id().toString(), Digests.sha256Hex(request.value()), "unsigned");
            byte[] wronglySigned = forgedResult(submission.id().toString(), Digests.sha256Hex(request.value()), "wrongly signed");
            Headers claimingTheAgentsKey = new RecordHeaders();
            RecordSignature.sign(SigningKeys.generate().getPrivate(), SigningKeys.keyId(smeKey.getPublic()),
                smeResults, key, wronglySigned, claimingTheAgentsKey);
            try (KafkaProducer<byte[], byte[]> forger = KafkaClients.producer(smeWithoutKey, "forger")) {
                forger.send(new ProducerRecord<>(smeResults, null, key, unsigned)).get(30, TimeUnit.SECONDS);
                forger.send(new ProducerRecord<>(smeResults, null, key, wronglySigned, claimingTheAgentsKey)).get(30, TimeUnit.SECONDS);
            }
            List<LateResult> late;
            try (TopicProbe lateResults = new TopicProbe(admin, admin.topics().lateResults())) {
                late = lateResults.awaitCount(2, Duration.ofSeconds(60)).stream()
                    .map(r -> AvroCodec.decode(r.value(), LateResult.class)).toList();
            }
            assertThat(late).allSatisfy(l -> {
                assertThat(l.getCause()).isEqualTo(LateCause.FORGED);
                assertThat(l.getCorrelationId()).isEqualTo(submission.id().toString());
            });
            assertThat(late).extracting(LateResult::getResultSha256)
                .containsExactlyInAnyOrder(Digests.sha256Hex(unsigned), Digests.sha256Hex(wronglySigned));
            assertThat(late).extracting(LateResult::getDetail).anySatisfy(d -> assertThat(d).startsWith("UNSIGNED: "))
                .anySatisfy(d -> assertThat(d).startsWith("BAD_SIGNATURE: "));
            assertThat(desk.poll(Duration.ofMillis(500))).as("no plan merged from the forged results").isEmpty();

            services.add(deployment.start(List.of("sme")));
            List<PlanDesk.Answer> answers = new ArrayList<>();
            long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (answers.isEmpty() && System.nanoTime() < giveUp) {
                answers.addAll(desk.poll(Duration.ofMillis(200)));
            }
            assertThat(answers).hasSize(1);
            MergedPlan plan = ((PlanDesk.Planned) answers.get(0)).plan();
            assertThat(plan.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(plan.getAgents()).filteredOn(o -> o.getAgent() == AgentKind.SME).singleElement()
                .extracting(AgentOutcome::getResultSha256)
                .isNotIn(Digests.sha256Hex(unsigned), Digests.sha256Hex(wronglySigned));

            // The auditor finds both, and every other record signed by the role that writes its topic.
            AuditLog auditor = new AuditLog(deployment.as(Role.AUDITOR));
            AuditReport audit = new AuditVerifier(admin.topics(), admin.defaultDeadline(), Duration.ofMinutes(1))
                .verify(auditor.everything(null), auditor.signingKeys(), Instant.now(), null, null);
            assertThat(audit.failures()).extracting(Check::kind, f -> f.record().sha256()).containsExactlyInAnyOrder(
                tuple(Check.Kind.UNSIGNED, Digests.sha256Hex(unsigned)), tuple(Check.Kind.BAD_SIGNATURE, Digests.sha256Hex(wronglySigned)));
            assertThat(audit.notSigning()).isEmpty();
        } finally {
            for (AutoCloseable service : services) {
                service.close();
            }
        }
    }

    /** An SME result answering the planner's very request: its digest chain is right, only its writer is not the agent. */
    private static byte[] forgedResult(String correlationId, String requestSha256, String version) {
        return AvroCodec.encode(AgentResult.newBuilder()
            .setCorrelationId(correlationId)
            .setAgent(AgentKind.SME)
            .setAgentRequestSha256(requestSha256)
            .setStatus(ResultStatus.SUCCEEDED)
            .setAgentVersion(version)
            .setKnowledgeBaseVersion("kb")
            .setPayload(SmeAssessment.newBuilder().setRisks(List.of()).setControls(List.of()).setGaps(List.of())
                .setRecommendations(List.of()).setOverallRiskLevel(RiskLevel.LOW).setSummary("nothing to test").build())
            .build());
    }
}
