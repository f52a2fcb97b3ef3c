package io.joulebit.demo.grok;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one grokking run as series.csv (one row per step: train and validation loss and accuracy, and each
 * estimator's C_L at the step its window closed; empty where there is none) and chart.svg ({@link GrokkingChart}).
 */
public final class GrokkingSeries {
    private GrokkingSeries() {}

    public static void write(GrokkingMeasurement m, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<Long, String[]> rows = new TreeMap<>();
        int width = 4 + m.probes().size();
        for (GrokkingPoint p : m.points()) {
            String[] r = rows.computeIfAbsent(p.step(), s -> new String[width]);
            int col = p.eval() ? 2 : 0;
            r[col] = num(p.loss());
            r[col + 1] = num(p.accuracy());
        }
        for (int i = 0; i < m.probes().size(); i++) {
            for (HeatProbe.Window w : m.probes().get(i).windows()) {
                rows.computeIfAbsent(w.step(), s -> new String[width])[4 + i] = num(w.heatCapacity());
            }
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("series.csv"), StandardCharsets.UTF_8)) {
            StringBuilder head = new StringBuilder("step,train_loss,train_acc,val_loss,val_acc");
            m.probes().forEach(h -> head.append(",c_").append(h.name));
            out.write(head.append('\n').toString());
            for (Map.Entry<Long, String[]> e : rows.entrySet()) {
                StringBuilder line = new StringBuilder(Long.toString(e.getKey()));
                for (String v : e.getValue()) {
                    line.append(',').append(v == null ? "" : v);
                }
                out.write(line.append('\n').toString());
            }
        }
        Files.writeString(dir.resolve("chart.svg"), GrokkingChart.svg(m), StandardCharsets.UTF_8);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
