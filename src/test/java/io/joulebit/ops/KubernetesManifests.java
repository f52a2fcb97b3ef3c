package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** Every document of agent/kubernetes/*.yaml, with lookups across files (a PodMonitor and the pods it selects). */
final class KubernetesManifests {
    record Doc(Path file, JsonNode node) {
        String kind() { return node.path("kind").asText(); }
        String name() { return node.path("metadata").path("name").asText(); }
        @Override public String toString() { return file.getFileName() + ":" + kind() + "/" + name(); }
    }

    /** A pod template: a Pod's own spec, or a workload's spec.template. */
    record PodSpec(Doc owner, JsonNode labels, JsonNode spec) {
        List<JsonNode> containers() { return list(spec.path("containers")); }
        List<JsonNode> initContainers() { return list(spec.path("initContainers")); }

        Optional<JsonNode> volume(String name) {
            return list(spec.path("volumes")).stream().filter(v -> name.equals(v.path("name").asText())).findFirst();
        }

        boolean matches(JsonNode matchLabels) { return KubernetesManifests.matches(labels, matchLabels); }
    }

    /** Label-selector semantics of matchLabels; an empty selector selects nothing here (never intended). */
    static boolean matches(JsonNode labels, JsonNode matchLabels) {
        for (var it = matchLabels.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) return false;
        }
        return !matchLabels.isEmpty();
    }

    final List<Doc> docs = new ArrayList<>();

    static KubernetesManifests load(Path dir) {
        KubernetesManifests m = new KubernetesManifests();
        for (Path f : OpsFiles.list(dir, ".yaml")) {
            OpsFiles.yamlDocuments(f).forEach(d -> m.docs.add(new Doc(f, d)));
        }
        return m;
    }

    List<Doc> ofKind(String kind) { return docs.stream().filter(d -> d.kind().equals(kind)).toList(); }

    Optional<Doc> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> d.name().equals(name)).findFirst();
    }

    List<PodSpec> podSpecs() {
        List<PodSpec> out = new ArrayList<>();
        for (Doc d : docs) {
            if (d.kind().equals("Pod")) {
                out.add(new PodSpec(d, d.node().path("metadata").path("labels"), d.node().path("spec")));
            } else if (d.node().path("spec").has("template")) {
                JsonNode t = d.node().path("spec").path("template");
                out.add(new PodSpec(d, t.path("metadata").path("labels"), t.path("spec")));
            }
        }
        return out;
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
