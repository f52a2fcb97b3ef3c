package io.joulebit.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.yaml.YamlTree;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Precedence: built-in defaults &lt; the YAML file &lt; command-line overrides. Overrides are dotted key paths
 * ("progress.log.path") merged into the tree before binding, so flags get the same validation and messages as keys.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static AgentConfig defaults() {
        try {
            return load(null, Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults are invalid: " + e.getMessage(), e);
        }
    }

    /** @param file YAML file, or null for defaults only */
    public static AgentConfig load(Path file, Map<String, Object> overrides) throws ConfigException {
        ObjectNode root = file == null ? JsonNodeFactory.instance.objectNode() : read(file);
        return bind(root, overrides);
    }

    public static AgentConfig parse(String yaml, Map<String, Object> overrides) throws ConfigException {
        try {
            return bind(asObject(YamlTree.parse(yaml), "(text)"), overrides);
        } catch (YamlTree.Malformed e) {
            throw new ConfigException(List.of("(text)" + e.at() + ": " + e.getMessage()));
        }
    }

    private static AgentConfig bind(ObjectNode root, Map<String, Object> overrides) throws ConfigException {
        overrides.forEach((key, value) -> put(root, key, value));
        List<String> problems = ConfigBinder.newProblems();
        AgentConfig cfg = ConfigBinder.bind(root, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return cfg;
    }

    private static ObjectNode read(Path file) throws ConfigException {
        try {
            return asObject(YamlTree.parse(Files.readString(file)), file.toString());
        } catch (YamlTree.Malformed e) {
            throw new ConfigException(List.of(file + e.at() + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e));
        }
    }

    private static ObjectNode asObject(JsonNode n, String where) throws ConfigException {
        if (n == null || n.isMissingNode() || n.isNull()) return JsonNodeFactory.instance.objectNode();
        if (!n.isObject()) throw new ConfigException(List.of(where + ": Expecting a YAML mapping at the top level"));
        return (ObjectNode) n;
    }

    private static void put(ObjectNode root, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = at.get(parts[i]);
            at = next instanceof ObjectNode o ? o : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], YamlTree.of(value));
    }
}
