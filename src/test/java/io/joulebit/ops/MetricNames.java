package io.joulebit.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric families the agent exports (src/test/resources/ops/metric-names.txt), and the ones a query names. */
final class MetricNames {
    private static final Pattern METRIC = Pattern.compile("\\bjoulebit_[a-z0-9_]+");

    private MetricNames() {}

    static Set<String> exported() {
        try (InputStream in = MetricNames.class.getResourceAsStream("/ops/metric-names.txt")) {
            if (in == null) throw new IllegalStateException("missing resource /ops/metric-names.txt");
            Set<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) names.add(s);
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code joulebit_*} metric name in a PromQL text (recorded {@code joulebit:*} names excluded). */
    static Set<String> referenced(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) names.add(m.group());
        return names;
    }
}
