package io.joulebit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A read cursor over one YAML mapping that never stops at the first problem: every bad value or unknown key is
 * recorded with its full key path ("sources.nvidia_smi.interval: Expecting duration > 0. Found: -1s") and a default
 * is returned so reading can go on.
 */
final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    ConfigNode(JsonNode node, String path, List<String> problems) {
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problems.add(where() + ": Expecting a mapping. Found: " + describe(this.node));
        }
    }

    ConfigNode child(String key) { return new ConfigNode(node.get(key), at(key), problems); }

    /** Report every key that is not one of {@code known}. */
    void allowOnly(String... known) {
        Set<String> allowed = new TreeSet<>(Arrays.asList(known));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) problems.add(at(key) + ": Unknown property. Known: " + String.join(", ", allowed));
        }
    }

    boolean has(String key) { JsonNode v = node.get(key); return v != null && !v.isNull(); }

    String text(String key, String dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isValueNode()) return fail(key, "Expecting a string", v, dflt);
        return v.asText();
    }

    String choice(String key, String dflt, String... allowed) {
        String v = text(key, dflt);
        if (v != null && !Arrays.asList(allowed).contains(v)) {
            problems.add(at(key) + ": Expecting one of " + String.join("|", allowed) + ". Found: " + v);
            return dflt;
        }
        return v;
    }

    boolean bool(String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) return fail(key, "Expecting true or false", v, dflt);
        return v.booleanValue();
    }

    /** A finite number within [min, max]; {@code null} dflt means optional. */
    Double number(String key, Double dflt, double min, double max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        double d = v.isNumber() ? v.doubleValue() : parse(v.asText());
        if (!v.isNumber() && !v.isTextual() || !Double.isFinite(d) || d < min || d > max) {
            return fail(key, "Expecting a number in [" + fmt(min) + ", " + fmt(max) + "]", v, dflt);
        }
        return d;
    }

    Long integer(String key, Long dflt, long min) {
        Double d = number(key, dflt == null ? null : dflt.doubleValue(), min, 9.007199254740991E15);
        if (d == null) return null;
        if (d != Math.rint(d)) return fail(key, "Expecting a whole number", node.get(key), dflt);
        return d.longValue();
    }

    Duration duration(String key, Duration dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        try {
            Duration d = Durations.parse(v.asText());
            if (d.isZero() || d.isNegative()) return fail(key, "Expecting duration > 0", v, dflt);
            return d;
        } catch (IllegalArgumentException e) {
            return fail(key, "Expecting a duration like 500ms, 1s, 2m", v, dflt);
        }
    }

    List<String> strings(String key, List<String> dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isArray()) return fail(key, "Expecting a list of strings", v, dflt);
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode()) return fail(key, "Expecting a list of strings", v, dflt);
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    Map<String, String> stringMap(String key) {
        JsonNode v = node.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) return out;
        if (!v.isObject()) return fail(key, "Expecting a mapping of strings", v, out);
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) out.put(e.getKey(), e.getValue().asText());
            else problems.add(at(key) + "." + e.getKey() + ": Expecting a string. Found: " + describe(e.getValue()));
        });
        return out;
    }

    JsonNode raw(String key) { return node.get(key); }

    List<String> problems() { return problems; }

    void problem(String key, String message) { problems.add(at(key) + ": " + message); }

    String at(String key) { return path.isEmpty() ? key : path + "." + key; }

    private String where() { return path.isEmpty() ? "(root)" : path; }

    private <T> T fail(String key, String expecting, JsonNode found, T dflt) {
        problems.add(at(key) + ": " + expecting + ". Found: " + describe(found));
        return dflt;
    }

    private static String describe(JsonNode v) {
        if (v == null) return "nothing";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        return v.asText();
    }

    private static double parse(String s) {
        try { return Double.parseDouble(s.trim()); } catch (NumberFormatException e) { return Double.NaN; }
    }

    private static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
