package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.AuditReport;
import dev.gampplanner.audit.AuditVerifier;
import dev.gampplanner.audit.Check;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.signing.RecordSignature;
import dev.gampplanner.runtime.signing.SignatureCheck;
import dev.gampplanner.runtime.testing.TopicProbe;
import dev.gampplanner.runtime.topics.TopicAccess;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.LateResult;
import dev.gampplanner.schema.Signer;
import dev.gampplanner.schema.SigningKey;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * Verify checks every record's signature on a real log: services signing with their own keys verify clean, a key
 * rotated mid-run keeps old and new records verifiable, and a retired key, a missing, copied, another's or an
 * unpublished signature on a record with a correct digest chain are each reported at the record's position.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AuditSignaturesTest {

    private static final List<Signer> SIGNERS = List.of(Signer.PLANNER, Signer.CONTEXT, Signer.SME, Signer.RESEARCH, Signer.SUBMITTER);

    @Test
    void everyServiceSignsWithItsOwnKeyAndForgedSignaturesOnAResultWithARightDigestChainAreEachReported(TestBroker broker,
                                                                                                        @TempDir Path dir)
        throws Exception {
        try (PlannerFixture planner = new PlannerFixture(broker, dir.resolve("state"), Map.of())) {
            KeyAdministrator admin = new KeyAdministrator(planner.config, dir);
            Map<Signer, SigningKey> keys = new EnumMap<>(Signer.class);
            Map<Signer, Path> files = startSigned(planner, admin, keys);
            planner.submitAll(UrsFile.bundledExamples().subList(0, 3), Duration.ofSeconds(30));
            planner.awaitAnswers(3, Duration.ofSeconds(60));
            AuditLog log = new AuditLog(planner.config);

            AuditReport clean = verify(planner, log);
            assertThat(clean.failures()).isEmpty();
            assertThat(clean.plans()).isEqualTo(3);
            assertThat(clean.notSigning()).isEmpty();
            assertSignedByTheirWriters(planner, clean, keys);

            // A tampered result: it answers the request the planner wrote, but its content is not what the agent signed.
            LogRecord genuine = clean.records().stream().filter(r -> r.topic().equals(planner.config.topics().agentResults(AgentKind.SME)))
                .findFirst().orElseThrow();
            AgentResult result = genuine.as(AgentResult.class).orElseThrow();
            byte[] tampered = AvroCodec.encode(AgentResult.newBuilder(result).setAgentVersion("forged").build());
            Map<Check.Kind, String> forged = new EnumMap<>(Check.Kind.class);
            GampConfig unsigned = planner.config;
            forged.put(Check.Kind.UNSIGNED, send(unsigned, genuine, tampered, new RecordHeaders()));
            forged.put(Check.Kind.BAD_SIGNATURE, send(unsigned, genuine, tampered, signatureOf(genuine)));
            forged.put(Check.Kind.WRONG_SIGNER, send(signingWith(unsigned, files.get(Signer.RESEARCH)), genuine, tampered, new RecordHeaders()));
            forged.put(Check.Kind.UNKNOWN_KEY, send(signingWith(unsigned, admin.newKeyFile("stranger")), genuine, tampered, new RecordHeaders()));
            awaitRecordedAsNotMerged(planner, forged.values());

            AuditReport report = verify(planner, log);
            assertThat(report.failures()).extracting(Check::kind, f -> f.record().position())
                .containsExactlyInAnyOrder(forged.entrySet().stream().map(e -> tuple(e.getKey(), e.getValue())).toArray(Tuple[]::new));
            assertThat(report.failures()).allSatisfy(f -> assertThat(f.record().key()).isEqualTo(genuine.key()));
            assertThat(textOf(report, Check.Kind.UNSIGNED)).contains("unsigned, but SME signs its records");
            assertThat(textOf(report, Check.Kind.BAD_SIGNATURE)).contains(keys.get(Signer.SME).getKeyId()).contains("does not match");
            assertThat(textOf(report, Check.Kind.WRONG_SIGNER)).contains("a key of RESEARCH, not of SME");
            assertThat(textOf(report, Check.Kind.UNKNOWN_KEY)).contains("not published");

            // The auditor's command says the same, as JSON, and fails.
            GampRun json = GampRun.of(planner.config, "audit", "verify", "--json");
            assertThat(json.exitCode()).as(json.stderr()).isEqualTo(1);
            JsonNode verdict = new ObjectMapper().readTree(json.stdout());
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("failures")).extracting(f -> f.get("kind").asText(), f -> f.get("position").asText())
                .containsExactlyInAnyOrder(forged.entrySet().stream().map(e -> tuple(e.getKey().name(), e.getValue())).toArray(Tuple[]::new));
            assertThat(verdict.get("signatures").get("VALID").asLong()).isEqualTo(report.signatureCounts().get(SignatureCheck.Verdict.VALID));
            assertThat(verdict.get("notSigning")).isEmpty();
        }
    }

    @Test
    void aKeyRotatedMidRunKeepsOldAndNewRecordsVerifiableAndTheRetiredKeyUsedAfterItsValidityIsCaught(TestBroker broker,
                                                                                                      @TempDir Path dir)
        throws Exception {
        try (PlannerFixture planner = new PlannerFixture(broker, dir.resolve("state"), Map.of())) {
            KeyAdministrator admin = new KeyAdministrator(planner.config, dir);
            Map<Signer, SigningKey> keys = new EnumMap<>(Signer.class);
            Map<Signer, Path> files = startSigned(planner, admin, keys);
            List<PlanDesk.Submission> before = planner.submitAll(UrsFile.bundledExamples().subList(0, 2), Duration.ofSeconds(30));
            planner.awaitAnswers(2, Duration.ofSeconds(60));

            // The administrator publishes the new key, retires the old one, and the service restarts with the new one.
            Path secondFile = admin.newKeyFile("sme-2");
            SigningKey second = admin.publish(Signer.SME, secondFile, Instant.now());
            SigningKey first = admin.retire(keys.get(Signer.SME), Instant.now());
            planner.stop("sme");
            planner.start("sme", Map.of(Setting.SIGNING_KEY_FILE.variable(), secondFile.toString()), "sme");
            planner.submitAll(UrsFile.bundledExamples().subList(2, 4), Duration.ofSeconds(30));
            planner.awaitAnswers(2, Duration.ofSeconds(60));
            AuditLog log = new AuditLog(planner.config);

            AuditReport rotated = verify(planner, log);
            assertThat(rotated.failures()).isEmpty();
            GampRun text = GampRun.of(planner.config, "audit", "verify");
            assertThat(text.exitCode()).as(text.stdout() + text.stderr()).isZero();
            assertThat(text.stdout()).contains(rotated.records().size() + " record(s) validly signed\n").doesNotContain("not signed");
            assertThat(rotated.plans()).isEqualTo(4);
            String smeResults = planner.config.topics().agentResults(AgentKind.SME);
            List<LogRecord> results = rotated.records().stream().filter(r -> r.topic().equals(smeResults)).toList();
            assertThat(results).hasSize(4).allSatisfy(r ->
                assertThat(rotated.signatureOf(r).orElseThrow().verdict()).isEqualTo(SignatureCheck.Verdict.VALID));
            Map<String, Set<String>> keyByPlan = results.stream().collect(Collectors.groupingBy(LogRecord::key,
                Collectors.mapping(r -> rotated.signatureOf(r).orElseThrow().keyId(), Collectors.toSet())));
            before.forEach(plan -> assertThat(keyByPlan.get(plan.id().toString())).containsExactly(first.getKeyId()));
            assertThat(keyByPlan.values()).filteredOn(ids -> ids.contains(second.getKeyId())).hasSize(2);

            // Whoever still holds the retired key signs a copy of a result after the key's validity ended.
            LogRecord replayed = results.get(0);
            String late = send(signingWith(planner.config, files.get(Signer.SME)), replayed, replayed.value(), new RecordHeaders());

            AuditReport caught = verify(planner, log);
            assertThat(caught.failures()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(Check.Kind.KEY_NOT_VALID);
                assertThat(f.record().position()).isEqualTo(late);
                assertThat(f.text()).contains(first.getKeyId()).contains("until " + first.getValidUntil());
            });
        }
    }

    /**
     * A key for every signer, published valid from now (the published records into {@code keys}); then each service in a
     * host of its own with its own key, and the desk submitting as the upstream system with its key. The key files by signer.
     */
    private static Map<Signer, Path> startSigned(PlannerFixture planner, KeyAdministrator admin, Map<Signer, SigningKey> keys)
        throws Exception {
        Map<Signer, Path> files = new EnumMap<>(Signer.class);
        Instant now = Instant.now();
        for (Signer signer : SIGNERS) {
            Path file = admin.newKeyFile(signer.name().toLowerCase());
            files.put(signer, file);
            keys.put(signer, admin.publish(signer, file, now));
        }
        planner.deskAs(keyFile(files.get(Signer.SUBMITTER)));
        planner.start("planner", keyFile(files.get(Signer.PLANNER)), "planner");
        planner.start("context", keyFile(files.get(Signer.CONTEXT)), "context");
        planner.start("sme", keyFile(files.get(Signer.SME)), "sme");
        planner.start("research", keyFile(files.get(Signer.RESEARCH)), "research");
        return files;
    }

    private static void assertSignedByTheirWriters(PlannerFixture planner, AuditReport report, Map<Signer, SigningKey> keys) {
        TopicAccess access = new TopicAccess(planner.config.topics());
        assertThat(report.records()).isNotEmpty().allSatisfy(record -> {
            Signer writer = Signer.valueOf(access.writer(record.topic()).orElseThrow().name());
            SignatureCheck signature = report.signatureOf(record).orElseThrow();
            assertThat(signature.verdict()).as(record.position()).isEqualTo(SignatureCheck.Verdict.VALID);
            assertThat(signature.keyId()).as(record.position()).isEqualTo(keys.get(writer).getKeyId());
        });
        assertThat(report.records()).extracting(r -> access.writer(r.topic()).orElseThrow().name())
            .contains("PLANNER", "CONTEXT", "SME", "RESEARCH", "SUBMITTER");
    }

    private static AuditReport verify(PlannerFixture planner, AuditLog log) {
        return new AuditVerifier(planner.config.topics(), planner.config.defaultDeadline(), Duration.ofMinutes(1))
            .verify(log.everything(null), log.signingKeys(), Instant.now(), null, null);
    }

    private static Map<String, String> keyFile(Path file) {
        return Map.of(Setting.SIGNING_KEY_FILE.variable(), file.toString());
    }

    private static GampConfig signingWith(GampConfig config, Path keyFile) {
        return config.with(keyFile(keyFile));
    }

    /** The genuine record's signature headers, to put on other bytes. */
    private static Headers signatureOf(LogRecord genuine) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(genuine.rawHeaders().lastHeader(RecordSignature.KEY_HEADER));
        headers.add(genuine.rawHeaders().lastHeader(RecordSignature.SIGNATURE_HEADER));
        return headers;
    }

    /** Writes {@code value} under the genuine record's key on its topic; the position it landed at. */
    private static String send(GampConfig config, LogRecord genuine, byte[] value, Headers headers) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config, "forger")) {
            RecordMetadata written = producer.send(new ProducerRecord<>(genuine.topic(), null, genuine.rawKey(), value, headers)).get();
            return written.topic() + "-" + written.partition() + "@" + written.offset();
        }
    }

    /** Waits until the planner has recorded every one of these results on plan.late-results, so the log is settled. */
    private static void awaitRecordedAsNotMerged(PlannerFixture planner, Collection<String> positions) {
        try (TopicProbe late = new TopicProbe(planner.config, planner.config.topics().lateResults())) {
            late.awaitUntil(records -> records.stream().map(r -> AvroCodec.decode(r.value(), LateResult.class))
                    .map(l -> l.getResultTopic() + "-" + l.getResultPartition() + "@" + l.getResultOffset())
                    .collect(Collectors.toSet()).containsAll(positions),
                Duration.ofSeconds(30), "the forged results on plan.late-results");
        }
    }

    private static String textOf(AuditReport report, Check.Kind kind) {
        return report.failures().stream().filter(f -> f.kind() == kind).map(Check::text).findFirst().orElseThrow();
    }
}
