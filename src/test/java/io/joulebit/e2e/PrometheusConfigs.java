package io.joulebit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shipped Prometheus configs (config/prometheus/prometheus.{sidecar,nodes}.yml) made runnable in a test: same
 * scrape job, relabelling and rule files, but 1 s scrape/evaluation intervals and the test's own loopback targets.
 * The recording rules are copied verbatim; the alert rules keep their expressions but get a short {@code for:}, since
 * the shipped windows (1 to 15 minutes) would not fit a CI test.
 */
final class PrometheusConfigs {
    static final String FAST_FOR = "2s";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PrometheusConfigs() {}

    /** The repository root (surefire runs tests there and also passes it as basedir). */
    static Path root() {
        Path p = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        if (!Files.isRegularFile(p.resolve("pom.xml"))) throw new IllegalStateException("no pom.xml in " + p);
        return p;
    }

    static Path shipped(String name) { return root().resolve("config/prometheus").resolve(name); }

    /** prometheus.sidecar.yml scraping one agent at {@code target} (host:port). */
    static Path sidecar(Path dir, String target) throws IOException {
        ObjectNode config = load("prometheus.sidecar.yml");
        ArrayNode targets = ((ObjectNode) job(config).path("static_configs").get(0)).putArray("targets");
        targets.add(target);
        return write(dir, config);
    }

    /** prometheus.nodes.yml (its relabelling: instance = node = host) scraping {@code targets} (host:port). */
    static Path nodes(Path dir, List<String> hostPorts) throws IOException {
        ObjectNode config = load("prometheus.nodes.yml");
        ArrayNode targets = ((ObjectNode) job(config).path("static_configs").get(0)).putArray("targets");
        hostPorts.forEach(targets::add);
        return write(dir, config);
    }

    private static ObjectNode load(String name) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(shipped(name).toFile());
        ((ObjectNode) config.path("global")).put("scrape_interval", "1s").put("evaluation_interval", "1s");
        ObjectNode job = job(config);
        job.put("scrape_interval", "1s").put("scrape_timeout", "1s");
        return config;
    }

    private static ObjectNode job(ObjectNode config) {
        JsonNode jobs = config.path("scrape_configs");
        if (jobs.size() != 1) throw new IllegalStateException("expected one scrape job, found " + jobs);
        return (ObjectNode) jobs.get(0);
    }

    /** Writes the config and its rule files (the shipped relative paths rules/*.yml stay valid next to it). */
    private static Path write(Path dir, ObjectNode config) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.copy(shipped("rules/joulebit.recording.yml"), rules.resolve("joulebit.recording.yml"));
        JsonNode alerts = YAML.readTree(shipped("rules/joulebit.alerts.yml").toFile());
        for (JsonNode group : alerts.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("for")) ((ObjectNode) rule).put("for", FAST_FOR);
            }
        }
        YAML.writeValue(rules.resolve("joulebit.alerts.yml").toFile(), alerts);
        for (JsonNode f : config.path("rule_files")) {
            if (!Files.isRegularFile(dir.resolve(f.asText()))) throw new IllegalStateException("rule file " + f);
        }
        Path file = dir.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }
}
