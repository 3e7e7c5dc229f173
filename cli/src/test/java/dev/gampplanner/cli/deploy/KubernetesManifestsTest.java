package dev.gampplanner.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.gampplanner.cli.Gamp;
import dev.gampplanner.cli.deploy.Manifests.Container;
import dev.gampplanner.cli.deploy.Manifests.Resource;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.config.Setting;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.topics.TopicCatalog;
import dev.gampplanner.schema.AgentKind;
import picocli.CommandLine;

/**
 * No Kubernetes cluster runs these manifests in the build, so this checks that they agree with the code: every
 * environment variable is one GampConfig reads (and its value valid), ports and probe paths are the endpoint's, every
 * command is a gamp command, and the disruption budgets, scalers and scrape configuration point at real workloads.
 */
class KubernetesManifestsTest {

    /** Exported by each agent service for KEDA's Prometheus scaler, labelled with the agent's name. */
    private static final String LAG_METRIC = "gamp_share_group_lag";

    private static final Set<String> SETTINGS = Arrays.stream(Setting.values()).map(Setting::variable).collect(Collectors.toSet());

    private final Manifests manifests = Manifests.load(Path.of("..", "deploy", "k8s"));

    @Test
    void everyFileIsKubernetesAndTheKustomizationListsEveryTopLevelFile() throws Exception {
        assertThat(manifests.all()).hasSizeGreaterThan(10);
        for (Resource resource : manifests.all()) {
            assertThat(resource.node().path("apiVersion").asText()).as(resource.file().toString()).isNotBlank();
            assertThat(resource.kind()).as(resource.file().toString()).isNotBlank();
            if (!resource.kind().equals("Kustomization")) {
                assertThat(resource.name()).as(resource.file().toString()).isNotBlank();
            }
        }
        Set<String> listed = new HashSet<>();
        manifests.one("Kustomization", "").node().path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(manifests.directory())) {
            Set<String> topLevel = files.map(f -> f.getFileName().toString())
                .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).collect(Collectors.toSet());
            assertThat(listed).isEqualTo(topLevel);
        }
    }

    @Test
    void everyEnvironmentVariableIsOneGampConfigReadsWithAValidValue() {
        assertThat(manifests.containers()).hasSizeGreaterThanOrEqualTo(5);
        for (Container container : manifests.containers()) {
            Map<String, String> env = manifests.environment(container);
            for (String variable : env.keySet()) {
                assertThat(SETTINGS.contains(variable) || variable.startsWith("KAFKA_CLIENT_") || isAgentOverride(variable))
                    .as("%s sets %s, which gamp config does not know", container, variable).isTrue();
            }
            assertThatCode(() -> GampConfig.fromEnvironment(env)).as(container.toString()).doesNotThrowAnyException();
            assertThat(GampConfig.fromEnvironment(env).warnings()).as(container.toString()).isEmpty();
        }
    }

    /** GAMP_SME_WORKER_THREADS and the like: GampConfig knows it when it does not warn about it. */
    private static boolean isAgentOverride(String variable) {
        boolean agentPrefixed = Arrays.stream(AgentKind.values()).anyMatch(k -> variable.startsWith("GAMP_" + k.name() + "_"));
        return agentPrefixed && GampConfig.fromEnvironment(Map.of(variable, "1")).warnings().isEmpty();
    }

    @Test
    void portsAndProbesAreTheServicesEndpoint() {
        for (Resource service : manifests.services()) {
            for (Container container : Manifests.containersOf(service)) {
                int httpPort = GampConfig.fromEnvironment(manifests.environment(container)).httpPort();
                JsonNode ports = container.node().path("ports");
                assertThat(ports).as(container.toString()).hasSize(1);
                assertThat(ports.get(0).path("name").asText()).isEqualTo("http");
                assertThat(ports.get(0).path("containerPort").asInt()).as(container.toString()).isEqualTo(httpPort);
                assertProbe(container, "startupProbe", Observability.HEALTH_PATH);
                assertProbe(container, "livenessProbe", Observability.HEALTH_PATH);
                assertProbe(container, "readinessProbe", Observability.READY_PATH);
            }
        }
    }

    private static void assertProbe(Container container, String probe, String path) {
        JsonNode httpGet = container.node().path(probe).path("httpGet");
        assertThat(httpGet.path("path").asText()).as("%s %s", container, probe).isEqualTo(path);
        assertThat(httpGet.path("port").asText()).as("%s %s", container, probe).isEqualTo("http");
    }

    /** What the probes rely on: /health answers while a service starts (no restart loop), /ready only once started. */
    @Test
    void theEndpointAnswersTheProbesAsTheyExpect() throws Exception {
        try (Observability observability = new Observability()) {
            int port = observability.serve(0);
            assertThat(status(port, Observability.HEALTH_PATH)).isEqualTo(200);
            assertThat(status(port, Observability.READY_PATH)).isEqualTo(503);
            assertThat(status(port, Observability.METRICS_PATH)).isEqualTo(200);
            observability.markStarted();
            assertThat(status(port, Observability.READY_PATH)).isEqualTo(200);
        }
    }

    private static int status(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyCommandIsAGampCommand() {
        for (Container container : manifests.containers()) {
            assertThat(container.node().has("command")).as("%s must keep the image's gamp entrypoint", container).isFalse();
            List<String> args = container.args();
            CommandLine.ParseResult parsed = new CommandLine(new Gamp()).parseArgs(args.toArray(String[]::new));
            assertThat(parsed.hasSubcommand()).as(container.toString()).isTrue();
            if (args.get(0).equals("serve")) {
                assertThat(ServiceCatalog.NAMES).as(container.toString()).containsAll(args.subList(1, args.size()));
            }
        }
        assertThat(servedBy("StatefulSet", "gamp-planner")).containsExactly("planner");
        for (AgentKind kind : AgentKind.values()) {
            String agent = TopicCatalog.agentName(kind);
            assertThat(servedBy("Deployment", "gamp-" + agent)).containsExactly(agent);
        }
    }

    private List<String> servedBy(String kind, String name) {
        List<String> args = Manifests.containersOf(manifests.one(kind, name)).get(0).args();
        assertThat(args.get(0)).isEqualTo("serve");
        return args.subList(1, args.size());
    }

    @Test
    void everyContainerHasRequestsAndLimitsWithLimitsAboveRequests() {
        for (Container container : manifests.containers()) {
            JsonNode resources = container.node().path("resources");
            for (String resource : List.of("cpu", "memory")) {
                String request = resources.path("requests").path(resource).asText();
                String limit = resources.path("limits").path(resource).asText();
                assertThat(request).as("%s %s request", container, resource).isNotBlank();
                assertThat(limit).as("%s %s limit", container, resource).isNotBlank();
                assertThat(quantity(limit)).as("%s %s", container, resource).isGreaterThanOrEqualTo(quantity(request));
            }
        }
    }

    /** A Kubernetes quantity in its base unit: 250m is 0.25, 320Mi is 320 x 2^20. */
    private static double quantity(String text) {
        Map<String, Double> suffixes = Map.of("m", 1e-3, "Ki", 0x1p10, "Mi", 0x1p20, "Gi", 0x1p30);
        for (Map.Entry<String, Double> suffix : suffixes.entrySet()) {
            if (text.endsWith(suffix.getKey())) {
                return Double.parseDouble(text.substring(0, text.length() - suffix.getKey().length())) * suffix.getValue();
            }
        }
        return Double.parseDouble(text);
    }

    @Test
    void disruptionBudgetsCoverEveryServiceAndSelectExactlyOne() {
        Set<String> covered = new HashSet<>();
        for (Resource budget : manifests.ofKind("PodDisruptionBudget")) {
            List<Resource> selected = manifests.services().stream()
                .filter(s -> Manifests.selects(budget.node().path("spec").path("selector"), Manifests.podLabels(s))).toList();
            assertThat(selected).as(budget.toString()).hasSize(1);
            covered.add(selected.get(0).name());
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(manifests.services().stream().map(Resource::name).toList());
        for (Resource service : manifests.services()) {
            assertThat(Manifests.selects(service.node().path("spec").path("selector"), Manifests.podLabels(service)))
                .as("%s selects its own pods", service).isTrue();
        }
    }

    @Test
    void everyAgentScalesOnItsShareGroupLagThroughPrometheus() {
        List<String> scaled = new ArrayList<>();
        for (Resource scaler : manifests.ofKind("ScaledObject")) {
            JsonNode spec = scaler.node().path("spec");
            Resource target = manifests.one("Deployment", spec.path("scaleTargetRef").path("name").asText());
            String agent = servedBy("Deployment", target.name()).get(0);
            assertThat(spec.path("triggers")).as(scaler.toString()).hasSize(1);
            JsonNode trigger = spec.path("triggers").get(0);
            assertThat(trigger.path("type").asText()).isEqualTo("prometheus");
            assertThat(trigger.path("metadata").path("query").asText()).as(scaler.toString())
                .contains(LAG_METRIC + "{agent=\"" + agent + "\"}");
            assertThat(trigger.path("metadata").path("serverAddress").asText()).startsWith("http");
            assertThat(spec.path("minReplicaCount").asInt()).isBetween(1, spec.path("maxReplicaCount").asInt());
            assertThat(target.node().path("spec").has("replicas")).as("%s: the scaler owns the replica count", target).isFalse();
            scaled.add(agent);
        }
        assertThat(scaled).containsExactlyInAnyOrderElementsOf(
            Arrays.stream(AgentKind.values()).map(TopicCatalog::agentName).toList());
    }

    @Test
    void prometheusScrapesEveryServicePodOnItsMetricsPath() {
        Resource monitor = manifests.one("PodMonitor", "gamp-planner");
        JsonNode selector = monitor.node().path("spec").path("selector");
        for (Resource workload : manifests.workloads()) {
            assertThat(Manifests.selects(selector, Manifests.podLabels(workload))).as(workload.toString())
                .isEqualTo(!workload.kind().equals("Job"));
        }
        JsonNode endpoint = monitor.node().path("spec").path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
        assertThat(endpoint.path("path").asText()).isEqualTo(Observability.METRICS_PATH);
    }

    @Test
    void theKafkaClusterHasTheReplicationTheTopicsAskFor() {
        Map<String, String> config = Manifests.strings(manifests.one("ConfigMap", "gamp-config").node().path("data"));
        GampConfig gamp = GampConfig.fromEnvironment(config);
        Resource kafka = manifests.one("Kafka", "gamp-kafka");
        JsonNode brokerConfig = kafka.node().path("spec").path("kafka").path("config");
        assertThat(brokerConfig.path("default.replication.factor").asInt()).isEqualTo(gamp.replicationFactor());
        assertThat(brokerConfig.path("min.insync.replicas").asInt()).isEqualTo(gamp.minInsyncReplicas());
        int nodes = manifests.ofKind("KafkaNodePool").stream().mapToInt(p -> p.node().path("spec").path("replicas").asInt()).sum();
        assertThat(nodes).isGreaterThanOrEqualTo(gamp.replicationFactor());
        JsonNode listener = kafka.node().path("spec").path("kafka").path("listeners").get(0);
        assertThat(gamp.bootstrapServers()).isEqualTo(kafka.name() + "-kafka-bootstrap." + kafka.node().path("metadata")
            .path("namespace").asText() + ".svc:" + listener.path("port").asInt());
        List<String> topics = Manifests.containersOf(manifests.one("Job", "gamp-topics")).get(0).args();
        assertThat(topics.get(topics.indexOf("--min-brokers") + 1)).isEqualTo(String.valueOf(gamp.replicationFactor()));
    }
}
