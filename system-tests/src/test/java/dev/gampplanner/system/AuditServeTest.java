package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.audit.web.AuditSite;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.CorrelationId;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentResult;
import dev.gampplanner.schema.PlanOpened;
import dev.gampplanner.schema.PlanRequest;
import dev.gampplanner.schema.codec.AvroCodec;

/** The auditor's web view over a real log: the plans, a plan's trail with a forged and a missing record, downloads. */
@ExtendWith(KafkaBrokerExtension.class)
class AuditServeTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void showsThePlansTheirTrailsForgedAndMissingRecordsAndTheDownloads(TestBroker broker, @TempDir Path state)
            throws IOException, InterruptedException {
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of()).start("all", "all");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(planner.config, "forger")) {
            List<UrsFile> documents = new ArrayList<>(UrsFile.bundledExamples().subList(0, 2));
            documents.add(new UrsFile("<b>bold</b>&co.md", UrsFile.bundledExamples().get(2).text()));
            List<PlanDesk.Submission> submitted = planner.submitAll(documents, Duration.ofSeconds(30));
            planner.awaitAnswers(3, Duration.ofSeconds(60));
            // A request another client's partitioner placed away from its plan's partition (librdkafka's default does).
            String elsewhere = CorrelationId.random().toString();
            int partitions = producer.partitionsFor(planner.config.topics().planRequests()).size();
            int notHome = (Utils.toPositive(Utils.murmur2(elsewhere.getBytes(StandardCharsets.UTF_8))) + 1) % partitions;
            producer.send(new ProducerRecord<>(planner.config.topics().planRequests(), notHome,
                elsewhere.getBytes(StandardCharsets.UTF_8), AvroCodec.encode(PlanRequest.newBuilder().setSource("elsewhere.md")
                    .setUrs(documents.get(1).text()).setSubmittedBy("another client").setLabels(Map.of()).build())));
            producer.flush();
            String forgedPlan = submitted.get(0).id().toString();
            String cleanPlan = submitted.get(1).id().toString();
            List<LogRecord> trail = new AuditLog(planner.config).plan(forgedPlan);

            // A forged SME result, and a plan opened for a request that is not on plan.requests.
            AgentResult forged = trail.stream().flatMap(r -> r.as(AgentResult.class).stream())
                .filter(r -> r.getAgent() == AgentKind.SME).findFirst().orElseThrow();
            forged.setAgentRequestSha256("f".repeat(64));
            send(producer, planner.config.topics().agentResults(AgentKind.SME), forgedPlan, AvroCodec.encode(forged));
            String dropped = CorrelationId.random().toString();
            PlanOpened opened = trail.stream().flatMap(r -> r.as(PlanOpened.class).stream()).findFirst().orElseThrow();
            send(producer, planner.config.topics().coordination(), dropped, AvroCodec.encode(
                PlanOpened.newBuilder(opened).setCorrelationId(dropped).setRequestOffset(1_000_000L).build()));

            try (AuditSite site = new AuditSite(planner.config, Duration.ofMinutes(1),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null).start()) {
                String base = "http://127.0.0.1:" + site.port();

                String plans = get(base + "/", 200);
                assertThat(plans).contains(forgedPlan, cleanPlan, dropped, documents.get(0).name(), "COMPLETE", "system test",
                    "every link verifies", "check(s) fail");
                assertThat(plans).contains("&lt;b&gt;bold&lt;/b&gt;&amp;co.md").doesNotContain("<b>bold</b>");
                String searched = get(base + "/?q=" + documents.get(1).name() + "&status=COMPLETE", 200);
                assertThat(searched).contains(cleanPlan).doesNotContain(forgedPlan);

                String clean = get(base + "/plans/" + cleanPlan, 200);
                assertThat(clean).contains("PlanRequest", "PlanOpened", "AgentRequest", "AgentResult", "MergedPlan",
                    "every link of", "merges PlanOpened", "#sha-", "plan.md", "traceability.xlsx").doesNotContain("FAIL");

                // The aggregator records the forged result as late (DIGEST_MISMATCH) on its own time.
                String forgedPage = get(base + "/plans/" + forgedPlan, 200);
                for (long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                     !forgedPage.contains("LateResult") && System.nanoTime() < giveUp; ) {
                    Thread.sleep(500);
                    forgedPage = get(base + "/plans/" + forgedPlan, 200);
                }
                assertThat(forgedPage).contains("FAIL", "FORGED: answers request " + "f".repeat(64), "LateResult",
                    "DIGEST_MISMATCH");
                String droppedPage = get(base + "/plans/" + dropped, 200);
                assertThat(droppedPage).contains("MISSING: names request " + planner.config.topics().planRequests(), "not on the topics");

                assertThat(get(base + "/plans/" + cleanPlan + "/plan.md", 200)).contains(documents.get(1).name());
                assertThat(get(base + "/plans/" + cleanPlan + "/traceability.xlsx", 200)).startsWith("PK");
                assertThat(get(base + "/verify", 200)).contains("FORGED (", "MISSING (", dropped);

                // The request is found on its partition; the page waits for the plan the planner makes of it.
                String elsewherePage = get(base + "/plans/" + elsewhere, 200);
                for (long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                     !elsewherePage.contains("MergedPlan") && System.nanoTime() < giveUp; ) {
                    Thread.sleep(500);
                    elsewherePage = get(base + "/plans/" + elsewhere, 200);
                }
                assertThat(elsewherePage).contains("PlanRequest</b> source elsewhere.md", "MergedPlan", "every link of")
                    .doesNotContain("FAIL");

                get(base + "/plans/not-a-uuid", 400);
                get(base + "/plans/" + CorrelationId.random(), 404);
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(post.statusCode()).isEqualTo(405);
            }
            try (AuditSite guarded = new AuditSite(planner.config, Duration.ofMinutes(1),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "s3cret").start()) {
                String page = "http://127.0.0.1:" + guarded.port() + "/plans/" + cleanPlan;
                assertThat(http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
                assertThat(http.send(HttpRequest.newBuilder(URI.create(page)).header("Authorization", basic("auditor", "wrong"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(page))
                    .header("Authorization", basic("auditor", "s3cret")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(allowed.statusCode()).isEqualTo(200);
                assertThat(allowed.body()).contains("every link of");
            }
        }
    }

    private String get(String url, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(url).isEqualTo(status);
        return response.body();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }
}
