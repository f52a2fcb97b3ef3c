package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.config.AgentConfig;
import io.joulebit.config.ConfigException;
import io.joulebit.config.ConfigLoader;
import io.joulebit.ops.KubernetesManifests.Doc;
import io.joulebit.ops.KubernetesManifests.PodSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.joulebit.ops.KubernetesManifests.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** agent/kubernetes: kinds, ports that line up across objects, and embedded agent configs that the agent accepts. */
class KubernetesManifestsTest {
    private static final Path DIR = OpsFiles.root().resolve("agent/kubernetes");
    private static final Map<String, String> API_VERSIONS = Map.of("Pod", "v1", "ConfigMap", "v1", "Service", "v1",
            "DaemonSet", "apps/v1", "PodMonitor", "monitoring.coreos.com/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    /** What the downward API would give the example pod, to render the templates the way its init container does. */
    private static final Map<String, String> DOWNWARD = Map.of("POD_NAME", "llm-train-0", "TEAM", "nlp");

    private final KubernetesManifests m = KubernetesManifests.load(DIR);

    @Test
    void everyDocumentHasAKnownKindApiVersionAndName() {
        assertThat(OpsFiles.list(DIR, ".yaml")).extracting(p -> p.getFileName().toString()).contains(
                "sidecar-pod.yaml", "daemonset.yaml", "podmonitor.yaml", "servicemonitor.yaml", "configmap.yaml");
        assertThat(m.docs).extracting(Doc::kind).contains("Pod", "DaemonSet", "ConfigMap", "PodMonitor", "ServiceMonitor");
        for (Doc d : m.docs) {
            assertThat(API_VERSIONS).as(d.toString()).containsKey(d.kind());
            assertThat(d.node().path("apiVersion").asText()).as(d.toString()).isEqualTo(API_VERSIONS.get(d.kind()));
            assertThat(d.name()).as(d + " name").isNotBlank();
            assertThat(d.node().at("/metadata/namespace").asText()).as(d + " namespace").isNotBlank();
        }
        for (Doc ds : m.ofKind("DaemonSet")) {
            JsonNode sel = ds.node().at("/spec/selector/matchLabels");
            assertThat(m.podSpecs()).filteredOn(p -> p.owner() == ds).singleElement()
                    .matches(p -> p.matches(sel), "template labels match the selector");
        }
    }

    @Test
    void joulebitContainersServeMetricsOn9877AndReadAMountedConfig() {
        List<JsonNode> agents = m.podSpecs().stream().flatMap(p -> agentContainers(p).stream()).toList();
        assertThat(agents).hasSizeGreaterThanOrEqualTo(2);
        for (PodSpec p : m.podSpecs()) {
            for (JsonNode c : agentContainers(p)) {
                String where = p.owner() + " container " + c.path("name").asText();
                assertThat(metricsPort(c)).as(where).isEqualTo(9877);
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    assertThat(c.at("/" + probe + "/httpGet/path").asText()).as(where + " " + probe).isEqualTo("/healthz");
                    assertThat(c.at("/" + probe + "/httpGet/port").asText()).as(where + " " + probe).isEqualTo("metrics");
                }
                List<String> args = list(c.path("args")).stream().map(JsonNode::asText).toList();
                assertThat(args).as(where).startsWith("run").contains("--config");
                String config = args.get(args.indexOf("--config") + 1);
                assertThat(list(c.path("volumeMounts"))).as(where + " mounts the dir of " + config)
                        .anyMatch(v -> config.startsWith(v.path("mountPath").asText() + "/"));
            }
        }
    }

    @Test
    void embeddedConfigsUseOnlyExampleKeysBindAndListenOnTheContainerPort() throws Exception {
        JsonNode example = OpsFiles.yaml(OpsFiles.root().resolve("config/joulebit.example.yaml"));
        int checked = 0;
        for (Doc cm : m.ofKind("ConfigMap")) {
            for (var it = cm.node().path("data").fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().endsWith(".yaml")) continue;
                String where = cm + " " + e.getKey();
                String rendered = render(e.getValue().asText(), where);
                assertThat(ConfigKeys.unknownKeys(OpsFiles.YAML.readTree(rendered), example)).as(where).isEmpty();
                AgentConfig cfg;
                try {
                    cfg = ConfigLoader.parse(rendered, Map.of());
                } catch (ConfigException ex) {
                    throw new AssertionError(where + " is rejected by the agent: " + ex.problems(), ex);
                }
                assertThat(cfg.export().host()).as(where + " reachable from Prometheus").isEqualTo("0.0.0.0");
                List<PodSpec> users = m.podSpecs().stream().filter(p -> mountsConfigMap(p, cm.name())).toList();
                assertThat(users).as(where + " is used by a workload").isNotEmpty();
                for (PodSpec p : users) {
                    assertThat(agentContainers(p)).as(p.owner().toString()).isNotEmpty()
                            .allSatisfy(c -> assertThat(metricsPort(c)).isEqualTo(cfg.export().port()));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }

    @Test
    void templatePlaceholdersAreFilledFromTheDownwardApiByAnInitContainer() {
        int templates = 0;
        for (Doc cm : m.ofKind("ConfigMap")) {
            Set<String> names = placeholders(cm.node().path("data").toString());
            if (names.isEmpty()) continue;
            templates++;
            for (PodSpec p : m.podSpecs().stream().filter(p -> mountsConfigMap(p, cm.name())).toList()) {
                assertThat(p.initContainers()).as(p.owner() + " renders " + cm.name()).anySatisfy(init -> {
                    String script = init.path("args").toString() + init.path("command");
                    for (String n : names) {
                        assertThat(script).as("init script replaces ${%s}", n).contains("{" + n + "}");
                        assertThat(list(init.path("env"))).as("env %s from the downward API", n).anyMatch(
                                env -> env.path("name").asText().equals(n) && env.at("/valueFrom/fieldRef").isObject());
                    }
                });
            }
        }
        assertThat(templates).isPositive();
    }

    @Test
    void monitorsSelectPodsAndPortsThatExist() {
        for (Doc pm : m.ofKind("PodMonitor")) {
            List<PodSpec> pods = selected(pm.node().path("spec"));
            assertThat(pods).as(pm + " selects a pod").isNotEmpty();
            for (JsonNode ep : pm.node().at("/spec/podMetricsEndpoints")) {
                assertThat(pods).allSatisfy(p -> assertThat(containerPortNames(p)).contains(ep.path("port").asText()));
            }
        }
        for (Doc sm : m.ofKind("ServiceMonitor")) {
            JsonNode sel = sm.node().at("/spec/selector/matchLabels");
            List<Doc> services = m.ofKind("Service").stream()
                    .filter(s -> inNamespaces(s.node(), sm.node().path("spec")) && KubernetesManifests.matches(s.node().at("/metadata/labels"), sel))
                    .toList();
            assertThat(services).as(sm + " selects a Service").isNotEmpty();
            for (Doc svc : services) {
                List<PodSpec> backends = m.podSpecs().stream()
                        .filter(p -> p.matches(svc.node().at("/spec/selector"))).toList();
                assertThat(backends).as(svc + " has pods").isNotEmpty();
                for (JsonNode ep : sm.node().at("/spec/endpoints")) {
                    JsonNode port = list(svc.node().at("/spec/ports")).stream()
                            .filter(pt -> pt.path("name").asText().equals(ep.path("port").asText())).findFirst()
                            .orElseThrow(() -> new AssertionError(svc + " has no port " + ep.path("port")));
                    assertThat(port.path("port").asInt()).isEqualTo(9877);
                    assertThat(backends).allSatisfy(p -> assertThat(containerPortNames(p))
                            .contains(port.path("targetPort").asText()));
                }
            }
        }
    }

    @Test
    void configKeyWalkReportsUnknownKeysButAcceptsFreeFormMaps() throws Exception {
        JsonNode example = OpsFiles.yaml(OpsFiles.root().resolve("config/joulebit.example.yaml"));
        JsonNode cfg = OpsFiles.YAML.readTree("""
                run: {id: a, labels: {anything: x}, labelz: {}}
                progress: {log: {fields: {step: iter}}}
                sources: {simulated: {devices: [{name: g, wattz: 1}]}, rapl: {sysfs_root: /s}}
                """);
        assertThat(ConfigKeys.unknownKeys(cfg, example)).containsExactly("run.labelz", "sources.simulated.devices[0].wattz");
    }

    private List<PodSpec> selected(JsonNode monitorSpec) {
        return m.podSpecs().stream().filter(p -> inNamespaces(p.owner().node(), monitorSpec)
                && p.matches(monitorSpec.at("/selector/matchLabels"))).toList();
    }

    private static boolean inNamespaces(JsonNode obj, JsonNode monitorSpec) {
        String ns = obj.at("/metadata/namespace").asText();
        return list(monitorSpec.at("/namespaceSelector/matchNames")).stream().anyMatch(n -> n.asText().equals(ns));
    }

    private static boolean mountsConfigMap(PodSpec p, String name) {
        return list(p.spec().path("volumes")).stream().anyMatch(v -> name.equals(v.at("/configMap/name").asText()));
    }

    private static List<JsonNode> agentContainers(PodSpec p) {
        return p.containers().stream().filter(c -> c.path("name").asText().equals("joulebit")).toList();
    }

    private static int metricsPort(JsonNode container) {
        return list(container.path("ports")).stream().filter(pt -> pt.path("name").asText().equals("metrics"))
                .mapToInt(pt -> pt.path("containerPort").asInt()).findFirst().orElse(-1);
    }

    private static Set<String> containerPortNames(PodSpec p) {
        Set<String> names = new TreeSet<>();
        p.containers().forEach(c -> list(c.path("ports")).forEach(pt -> names.add(pt.path("name").asText())));
        return names;
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher mt = PLACEHOLDER.matcher(text);
        while (mt.find()) names.add(mt.group(1));
        return names;
    }

    private static String render(String template, String where) {
        Matcher mt = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (mt.find()) {
            String v = DOWNWARD.get(mt.group(1));
            if (v == null) fail(where + ": no example value for ${" + mt.group(1) + "}");
            mt.appendReplacement(sb, v);
        }
        return mt.appendTail(sb).toString();
    }
}
