package io.joulebit.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
            return bind(asObject(YAML.readTree(yaml), "(text)"), overrides);
        } catch (JacksonException e) {
            throw new ConfigException(List.of("(text): " + e.getOriginalMessage()));
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
            return asObject(YAML.readTree(Files.readString(file)), file.toString());
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String at = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new ConfigException(List.of(file + at + ": " + e.getOriginalMessage()));
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
        at.set(parts[parts.length - 1], YAML.valueToTree(value));
    }
}
