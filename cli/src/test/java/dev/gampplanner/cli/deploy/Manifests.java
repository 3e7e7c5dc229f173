package dev.gampplanner.cli.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The Kubernetes manifests under deploy/k8s, every document of every file, with the queries the checks need. */
final class Manifests {

    /** One YAML document and the file it came from. */
    record Resource(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    /** A container of a pod template, with the workload it belongs to. */
    record Container(Resource owner, JsonNode node) {
        String name() {
            return node.path("name").asText();
        }

        List<String> args() {
            List<String> args = new ArrayList<>();
            node.path("args").forEach(arg -> args.add(arg.asText()));
            return args;
        }

        @Override
        public String toString() {
            return owner + " container " + name();
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path directory;
    private final List<Resource> resources;

    private Manifests(Path directory, List<Resource> resources) {
        this.directory = directory;
        this.resources = resources;
    }

    /** Every document of every .yaml file under {@code directory}, sub-directories included. */
    static Manifests load(Path directory) {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (documents.hasNext()) {
                        JsonNode node = documents.next();
                        if (node != null && !node.isEmpty()) {
                            resources.add(new Resource(file, node));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifests in " + directory, e);
        }
        return new Manifests(directory, List.copyOf(resources));
    }

    Path directory() {
        return directory;
    }

    List<Resource> all() {
        return resources;
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Resource one(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + directory));
    }

    Optional<Resource> find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
    }

    /** Deployments, StatefulSets and Jobs: everything that runs the gamp image. */
    List<Resource> workloads() {
        return resources.stream().filter(r -> List.of("Deployment", "StatefulSet", "Job").contains(r.kind())).toList();
    }

    /** The services that run until stopped, with endpoints and probes: Deployments and StatefulSets. */
    List<Resource> services() {
        return resources.stream().filter(r -> List.of("Deployment", "StatefulSet").contains(r.kind())).toList();
    }

    static JsonNode podTemplate(Resource workload) {
        return workload.node().path("spec").path("template");
    }

    static Map<String, String> podLabels(Resource workload) {
        return strings(podTemplate(workload).path("metadata").path("labels"));
    }

    List<Container> containers() {
        return workloads().stream().flatMap(w -> containersOf(w).stream()).toList();
    }

    static List<Container> containersOf(Resource workload) {
        List<Container> containers = new ArrayList<>();
        podTemplate(workload).path("spec").path("containers").forEach(c -> containers.add(new Container(workload, c)));
        return containers;
    }

    /** The environment a container sees: its ConfigMaps (envFrom) overlaid by its own env entries. */
    Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.node().path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            env.putAll(strings(one("ConfigMap", configMap).node().path("data")));
        }
        for (JsonNode variable : container.node().path("env")) {
            JsonNode field = variable.path("valueFrom").path("fieldRef").path("fieldPath");
            // The downward API's pod name, as a StatefulSet's first pod would have it.
            String value = field.asText().equals("metadata.name") ? "pod-0" : variable.path("value").asText();
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }

    /** Whether every label of a selector's matchLabels is on the pod. */
    static boolean selects(JsonNode selector, Map<String, String> podLabels) {
        Map<String, String> wanted = strings(selector.path("matchLabels"));
        boolean labelsMatch = wanted.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
        boolean expressionsMatch = true;
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            expressionsMatch &= switch (expression.path("operator").asText()) {
                case "Exists" -> podLabels.containsKey(key);
                case "DoesNotExist" -> !podLabels.containsKey(key);
                default -> throw new AssertionError("selector operator not handled here: " + expression);
            };
        }
        return !wanted.isEmpty() && labelsMatch && expressionsMatch;
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }
}
