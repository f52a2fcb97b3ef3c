package io.joulebit.export;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition read back as series → value and family → TYPE, for comparing two exporters. */
record Exposition(Map<String, Double> samples, Map<String, String> types, Map<String, String> help) {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})? (\\S+)");

    static Exposition parse(String text) {
        Map<String, Double> samples = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        Map<String, String> help = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p[3]);
            } else if (line.startsWith("# HELP ")) {
                String rest = line.substring(7);
                help.put(rest.substring(0, rest.indexOf(' ')), rest.substring(rest.indexOf(' ') + 1));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return new Exposition(samples, types, help);
    }

    /** Only the series whose name starts with prefix. */
    Map<String, Double> samples(String prefix) {
        Map<String, Double> out = new TreeMap<>();
        samples.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k, v);
        });
        return out;
    }
}
