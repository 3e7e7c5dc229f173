package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.Check;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.audit.Reproducer;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.LateCause;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.codec.AvroCodec;

/** The auditor's tools on a real log: a clean log verifies, and a forged, a dropped and an orphan record are each caught. */
@ExtendWith(KafkaBrokerExtension.class)
class AuditTest {

    @Test
    void verifiesACleanLogThenCatchesAForgedResultAMissingLinkAndAnOrphan(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "forger")) {
            List<PlanDesk.Submission> submitted = planner.submitAll(UrsFile.bundledExamples().subList(0, 3), Duration.ofSeconds(30));
            planner.awaitAnswers(3, Duration.ofSeconds(60));
            String plan = submitted.get(0).id().toString();
            AuditLog log = new AuditLog(planner.config);
            AuditVerifier verifier = new AuditVerifier(planner.config.topics(), planner.config.defaultDeadline(), Duration.ofMinutes(1));

            AuditReport clean = verifier.verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
            assertThat(clean.failures()).isEmpty();
            assertThat(clean.plans()).isEqualTo(3);
            // No key is published: nobody signs, which the report states without failing.
            assertThat(clean.notSigningLine()).hasValue("records of planner, context, sme, research, submitter are not signed: no key published");

            // The trail of one plan, in order, with every link verified.
            List<LogRecord> trail = log.plan(plan);
            assertThat(trail).extracting(LogRecord::type).startsWith("PlanRequest", "PlanOpened").endsWith("MergedPlan");
            assertThat(trail).filteredOn(r -> r.type().equals("AgentResult")).hasSize(3);
            assertThat(verifier.verify(trail, log.signingKeys(), Instant.now(), null, null).ok()).isTrue();

            // Re-running the deterministic agents and the assembly gives the recorded bytes.
            assertThat(new Reproducer(ServiceCatalog.agents(), ServiceCatalog.drafts()).reproduce(trail))
                .hasSize(4).allSatisfy(c -> assertThat(c.identical()).as(c.subject() + ": " + c.detail()).isTrue());

            // A forged result: the right key and agent, but it answers a request the planner never wrote.
            AgentResult genuine = trail.stream().flatMap(r -> r.as(AgentResult.class).stream())
                .filter(r -> r.getAgent() == AgentKind.SME).findFirst().orElseThrow();
            genuine.setAgentRequestSha256("f".repeat(64));
            send(producer, planner.config.topics().agentResults(AgentKind.SME), plan, AvroCodec.encode(genuine));
            // A dropped link: a plan opened for a request that is not on plan.requests.
            String dropped = CorrelationId.random().toString();
            PlanOpened opened = trail.stream().flatMap(r -> r.as(PlanOpened.class).stream()).findFirst().orElseThrow();
            PlanOpened droppedOpened = PlanOpened.newBuilder(opened).setCorrelationId(dropped).setRequestOffset(1_000_000L).build();
            send(producer, planner.config.topics().coordination(), dropped, AvroCodec.encode(droppedOpened));
            // A stolen link: a plan opened for another plan's request, identical digest and all.
            String stolen = CorrelationId.random().toString();
            send(producer, planner.config.topics().coordination(), stolen,
                AvroCodec.encode(PlanOpened.newBuilder(opened).setCorrelationId(stolen).build()));
            // An orphan: a result for a plan that never existed.
            String orphan = CorrelationId.random().toString();
            AgentResult stray = AvroCodec.decode(AvroCodec.encode(genuine), AgentResult.class);
            stray.setCorrelationId(orphan);
            send(producer, planner.config.topics().agentResults(AgentKind.CONTEXT).replace("context", "sme"), orphan,
                AvroCodec.encode(stray));
            try (TopicProbe late = new TopicProbe(planner.config, planner.config.topics().lateResults())) {
                late.awaitUntil(records -> records.stream().map(r -> AvroCodec.decode(r.value(), LateResult.class).getCause())
                    .anyMatch(LateCause.DIGEST_MISMATCH::equals), Duration.ofSeconds(30), "the forged result on plan.late-results");
            }

            AuditReport tampered = verifier.verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
            assertThat(tampered.ok()).isFalse();
            assertThat(tampered.failures()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Check.Kind.FORGED);
                assertThat(f.record().key()).isEqualTo(plan);
                assertThat(f.record().type()).isEqualTo("AgentResult");
            });
            assertThat(tampered.failures()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Check.Kind.MISSING);
                assertThat(f.record().key()).isEqualTo(dropped);
            });
            assertThat(tampered.failures()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Check.Kind.FORGED);
                assertThat(f.record().key()).isEqualTo(stolen);
                assertThat(f.text()).contains("another plan's");
            });
            assertThat(tampered.failures()).anySatisfy(f -> {
                assertThat(f.kind()).isEqualTo(Check.Kind.ORPHAN);
                assertThat(f.record().key()).isEqualTo(orphan);
            });
        }
    }

    @Test
    void theSameDocumentSubmittedFiftyTimesVerifiesAsFiftyPlans(TestBroker broker, @TempDir Path state) {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all")) {
            UrsFile document = UrsFile.bundledExamples().get(0);
            planner.submitAll(Collections.nCopies(50, document), Duration.ofSeconds(60));
            planner.awaitAnswers(50, Duration.ofSeconds(120));
            AuditVerifier verifier = new AuditVerifier(planner.config.topics(), planner.config.defaultDeadline(), Duration.ofMinutes(1));
            AuditLog log = new AuditLog(planner.config);
            AuditReport report = verifier.verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
            assertThat(report.failures()).isEmpty();
            assertThat(report.plans()).isEqualTo(50);
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
