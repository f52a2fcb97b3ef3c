package io.joulebit.export.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.config.ConfigException;
import io.joulebit.yaml.YamlTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code --web.config.file}: the Prometheus exporter-toolkit web configuration ({@code tls_server_config},
 * {@code basic_auth_users}). Strict: an unknown key, a key of that format joulebit does not implement, an unreadable
 * or mismatched file all fail with every problem listed, each naming the file and key. Relative paths resolve
 * against the config file's directory, as in exporter-toolkit. Problems never quote a secret.
 */
public final class WebConfigLoader {
    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
    private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users");
    /** Keys of the format that we refuse rather than ignore: ignoring a security setting would silently weaken it. */
    private static final Set<String> UNSUPPORTED = Set.of("http_server_config", "rate_limit", "cipher_suites",
            "prefer_server_cipher_suites", "curve_preferences", "client_allowed_sans");
    private static final int MAX_PEM_BYTES = 1 << 20;
    private static final List<String> VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");

    private final List<String> problems = new ArrayList<>();
    private final String file;
    private final Path dir;

    private WebConfigLoader(String file, Path dir) {
        this.file = file;
        this.dir = dir;
    }

    public static WebConfig load(Path path) throws ConfigException {
        String text;
        try (var in = Files.newInputStream(path)) {
            if (!Files.isRegularFile(path)) throw new IOException("not a regular file");
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            if (bytes.length > MAX_PEM_BYTES) throw new IOException("larger than " + MAX_PEM_BYTES + " bytes");
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(List.of(path + ": cannot read web config: " + e));
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(text, path.toString(), dir == null ? Path.of(".") : dir);
    }

    /** @param file named in problems; @param dir where relative file names resolve */
    public static WebConfig parse(String yaml, String file, Path dir) throws ConfigException {
        JsonNode root;
        try {
            root = YamlTree.parse(yaml);
        } catch (YamlTree.Malformed e) {
            throw new ConfigException(List.of(file + e.at() + ": " + e.getMessage()));
        }
        WebConfigLoader l = new WebConfigLoader(file, dir);
        WebConfig cfg = l.bind(root);
        if (!l.problems.isEmpty()) throw new ConfigException(l.problems);
        return cfg;
    }

    private WebConfig bind(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) return WebConfig.none();
        if (!root.isObject()) {
            problem("", "Expecting a YAML mapping at the top level");
            return WebConfig.none();
        }
        keys(root, "", TOP);
        Optional<WebConfig.Tls> tls = Optional.empty();
        JsonNode t = root.get("tls_server_config");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) problem("tls_server_config", "Expecting a mapping");
            else tls = TlsBinder.bind(this, t);
        }
        return new WebConfig(tls, users(root.get("basic_auth_users")));
    }

    private Map<String, String> users(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) {
            problem("basic_auth_users", "Expecting a mapping of user name to bcrypt hash");
            return out;
        }
        n.fields().forEachRemaining(e -> {
            String hash = e.getValue().isTextual() ? e.getValue().asText() : "";
            if (e.getKey().isEmpty() || e.getKey().contains(":")) {
                problem("basic_auth_users", "a user name must be non-empty and contain no ':'");
            } else if (!BCRYPT.matcher(hash).matches()) {
                // The value is a secret: say what is wrong, never quote it.
                problem("basic_auth_users." + e.getKey(), "Expecting a bcrypt hash ($2a$/$2b$/$2y$, cost 4..31), "
                        + "e.g. from htpasswd -nBC 10 \"\" | tr -d ':\\n'");
            } else {
                out.put(e.getKey(), hash);
            }
        });
        return out;
    }

    /** Reports keys outside {@code known}; keys of the format we do not implement get their own message. */
    void keys(JsonNode obj, String at, Set<String> known) {
        obj.fieldNames().forEachRemaining(k -> {
            if (UNSUPPORTED.contains(k)) problem(at + k, "not supported by joulebit (refused rather than ignored)");
            else if (!known.contains(k)) problem(at + k, "Unknown property. Known: " + String.join(", ", known.stream().sorted().toList()));
        });
    }

    void problem(String key, String message) {
        problems.add(file + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }

    /** Text of an inline value or of the file a key names; null (with a problem) when unreadable. */
    String text(JsonNode obj, String inlineKey, String fileKey, String at) {
        JsonNode inline = obj.get(inlineKey);
        JsonNode f = obj.get(fileKey);
        if (inline != null && f != null) {
            problem(at + fileKey, "give either " + inlineKey + " or " + fileKey + ", not both");
            return null;
        }
        if (inline != null) {
            if (inline.isTextual()) return inline.asText();
            problem(at + inlineKey, "Expecting PEM text");
            return null;
        }
        if (f == null) return null;
        if (!f.isTextual() || f.asText().isBlank()) {
            problem(at + fileKey, "Expecting a file name");
            return null;
        }
        Path p = dir.resolve(f.asText());
        // Only a regular file, and only so much of it: /dev/zero or a FIFO must not hang or exhaust the agent.
        if (!Files.isRegularFile(p)) {
            problem(at + fileKey, "cannot read " + p + ": " + (Files.exists(p) ? "not a regular file" : "no such file"));
            return null;
        }
        try (var in = Files.newInputStream(p)) {
            byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
            if (bytes.length > MAX_PEM_BYTES) {
                problem(at + fileKey, p + " is larger than " + MAX_PEM_BYTES + " bytes; not a PEM file");
                return null;
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            problem(at + fileKey, "cannot read " + p + ": " + e.getClass().getSimpleName());
            return null;
        }
    }

    static String protocol(String goName) {
        return switch (goName) {
            case "TLS10" -> "TLSv1";
            case "TLS11" -> "TLSv1.1";
            case "TLS12" -> "TLSv1.2";
            default -> "TLSv1.3";
        };
    }

    static List<String> versions() { return VERSIONS; }
}
