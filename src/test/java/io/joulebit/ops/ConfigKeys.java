package io.joulebit.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Walks a joulebit config tree beside config/joulebit.example.yaml and lists every key the example does not have.
 * An empty mapping in the example ({@code labels: {}}, {@code fields: {}}) is free-form; list items are compared with
 * the example's first item.
 */
final class ConfigKeys {
    private ConfigKeys() {}

    static List<String> unknownKeys(JsonNode config, JsonNode example) {
        List<String> out = new ArrayList<>();
        walk(config, example, "", out);
        return out;
    }

    private static void walk(JsonNode cfg, JsonNode ex, String path, List<String> out) {
        if (cfg == null || ex == null || ex.isNull()) return; // a null default accepts any value; binding checks type
        if (cfg.isObject() && ex.isObject()) {
            if (ex.isEmpty()) return;
            for (Iterator<Map.Entry<String, JsonNode>> it = cfg.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!ex.has(e.getKey())) out.add(at);
                else walk(e.getValue(), ex.get(e.getKey()), at, out);
            }
        } else if (cfg.isArray() && ex.isArray() && !ex.isEmpty() && ex.get(0).isObject()) {
            for (int i = 0; i < cfg.size(); i++) walk(cfg.get(i), ex.get(0), path + "[" + i + "]", out);
        }
    }
}
