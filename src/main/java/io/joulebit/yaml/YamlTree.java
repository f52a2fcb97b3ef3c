package io.joulebit.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's one YAML reader (the agent's config, --web.config.file, MLflow's meta.yaml): a document as a
 * {@link JsonNode} tree, composed by SnakeYAML's own parser (the one
 * jackson-dataformat-yaml wraps) straight into Jackson's tree nodes. Not Jackson's YAML ObjectMapper: building it and
 * reading the first document cost ~250 ms cold against ~120 ms this way (fresh JVMs, bench config), and `run` must
 * serve /metrics within 0.5 s of exec (issue 28, bench/README.md). Scalars are typed as Jackson's YAML reader types
 * them, by SnakeYAML's YAML 1.1 resolver and the same decoding (YamlTreeTest compares the two trees). One difference:
 * an alias ({@code *name}) is the anchored value, where Jackson's reader gave the anchor's name.
 */
public final class YamlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A document that is not YAML: where (1-based line:column, when known) and what. */
    public static final class Malformed extends Exception {
        private final String at;

        Malformed(String at, String message) {
            super(message);
            this.at = at;
        }

        /** ":line:column" (1-based) where the problem was found, or "" when SnakeYAML did not say. */
        public String at() { return at; }
    }

    private YamlTree() {}

    /** The document's tree; null for an empty document. */
    public static JsonNode parse(String text) throws Malformed {
        LoaderOptions options = new LoaderOptions();
        try {
            Node root = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options)
                    .getSingleNode();
            return root == null ? null : tree(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String at = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new Malformed(at, e.getContext() == null ? problem : e.getContext() + "; " + problem);
        } catch (YAMLException e) {
            throw new Malformed("", e.getMessage());
        }
    }

    /** A value given in code (a command-line override) as a tree node. */
    public static JsonNode of(Object value) {
        if (value == null) return NODES.nullNode();
        if (value instanceof JsonNode n) return n;
        if (value instanceof Boolean b) return NODES.booleanNode(b);
        if (value instanceof Integer || value instanceof Long) return NODES.numberNode(((Number) value).longValue());
        if (value instanceof Number n) return NODES.numberNode(n.doubleValue());
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), of(v)));
            return o;
        }
        if (value instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            l.forEach(v -> a.add(of(v)));
            return a;
        }
        return NODES.textNode(value.toString());
    }

    /** {@code open}: the collections being built above this one, so that an alias to one of them is refused. */
    private static JsonNode tree(Node n, Set<Node> open) throws Malformed {
        if (!(n instanceof ScalarNode) && !open.add(n)) {
            Mark m = n.getStartMark();
            throw new Malformed(m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1),
                    "an alias refers to a collection that contains it");
        }
        if (n instanceof MappingNode m) {
            ObjectNode o = NODES.objectNode();
            for (NodeTuple t : m.getValue()) o.set(key(t.getKeyNode(), open), tree(t.getValueNode(), open)); // last wins
            open.remove(n);
            return o;
        }
        if (n instanceof SequenceNode s) {
            ArrayNode a = NODES.arrayNode();
            for (Node e : s.getValue()) a.add(tree(e, open));
            open.remove(n);
            return a;
        }
        ScalarNode s = (ScalarNode) n;
        return s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN || !s.getTag().equals(Tag.STR) ? plain(s)
                : NODES.textNode(s.getValue());
    }

    private static String key(Node k, Set<Node> open) throws Malformed {
        return k instanceof ScalarNode s ? s.getValue() : tree(k, open).toString();
    }

    /** A plain scalar by the tag SnakeYAML's YAML 1.1 resolver gave it, decoded as Jackson's reader decodes it. */
    private static JsonNode plain(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) return NODES.nullNode();
        if (tag.equals(Tag.BOOL)) {
            Boolean b = bool(v);
            return b == null ? NODES.textNode(v) : NODES.booleanNode(b);
        }
        try {
            if (tag.equals(Tag.INT)) return integer(v);
            if (tag.equals(Tag.FLOAT)) return NODES.numberNode(Double.parseDouble(v.replace("_", "")));
        } catch (NumberFormatException e) {
            // a form YAML 1.1 calls a number and Java does not read (1:30, .inf): text, as Jackson's reader has it
        }
        return NODES.textNode(v);
    }

    /** 0b binary, 0x hex, a leading 0 octal, else decimal; underscores ignored; beyond a long, a big integer. */
    private static JsonNode integer(String v) {
        boolean negative = v.startsWith("-");
        String digits = (v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v).replace("_", "");
        int radix = 10;
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            char c = Character.toLowerCase(digits.charAt(1));
            radix = c == 'b' ? 2 : c == 'x' ? 16 : Character.isDigit(c) ? 8 : -1;
            if (radix < 0) return NODES.textNode(v);
            digits = radix == 8 ? digits.substring(1) : digits.substring(2);
        }
        BigInteger n = new BigInteger(digits, radix);
        if (negative) n = n.negate();
        return n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
    }

    /** YAML 1.1's words for true and false, in any case, as Jackson's reader takes them (y, n, yes, no, on, off). */
    private static Boolean bool(String v) {
        switch (v.length()) {
            case 1:
                if (v.equalsIgnoreCase("y")) return true;
                if (v.equalsIgnoreCase("n")) return false;
                return null;
            case 2:
                if (v.equalsIgnoreCase("on")) return true;
                if (v.equalsIgnoreCase("no")) return false;
                return null;
            case 3:
                if (v.equalsIgnoreCase("yes")) return true;
                if (v.equalsIgnoreCase("off")) return false;
                return null;
            case 4: return v.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5: return v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default: return null;
        }
    }
}
