package io.joulebit.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.json.SharedMapper;
import io.joulebit.thermo.Figure;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** compare.html (table and an overlaid loss-versus-energy chart), compare.md and compare.json for a {@link Comparison}. */
public final class ComparisonReport {
    public static final String HTML = "compare.html", MARKDOWN = "compare.md", JSON = "compare.json";
    static final String[] FIGURES = {"energy_joules", "energy_per_bit_joules", "energy_per_token_joules", "landauer_efficiency_ratio"};
    static final String[] LABELS = {"energy (J)", "J/bit", "J/token", "Landauer efficiency"};

    private ComparisonReport() {}

    static TextTable table(Comparison c) {
        List<String> header = new ArrayList<>(List.of("run", "origin", "tokens"));
        header.addAll(List.of(LABELS));
        header.add("loss at " + c.equalTokens().stream().mapToObj(Fmt::number).findFirst().orElse("—") + " tokens (bits)");
        header.add("energy to " + c.commonLoss().stream().mapToObj(Fmt::number).findFirst().orElse("—") + " bits (J)");
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Entry e : c.runs()) {
            List<String> row = new ArrayList<>(List.of(e.id(), e.audit().data().run().labels().getOrDefault("origin", "live"),
                    e.audit().totals().tokens().isPresent() ? Long.toString(e.audit().totals().tokens().getAsLong()) : "—"));
            for (String f : FIGURES) row.add(value(e.figure(f)));
            row.add(opt(e.lossAtEqualTokens()));
            row.add(opt(e.energyToCommonLoss()));
            rows.add(row);
        }
        return new TextTable("compare", "Runs side by side", header, rows, List.of(
                "Loss at equal tokens: each run's smoothed loss at the fewest tokens any of them trained.",
                "Energy to the common loss: the energy each run had used when its smoothed loss first reached the best"
                        + " loss that the worst run reached."));
    }

    public static String markdown(Comparison c) {
        TextTable t = table(c);
        StringBuilder sb = new StringBuilder("# joulebit comparison\n\n");
        sb.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
        t.header().forEach(h -> sb.append("---|"));
        sb.append('\n');
        t.rows().forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        sb.append('\n');
        t.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        return sb.toString();
    }

    public static String html(Comparison c) {
        TextTable t = table(c);
        SvgChart chart = new SvgChart("Loss vs energy", "energy (J)", "smoothed loss (bits/token)").linearY();
        for (Comparison.Entry e : c.runs()) {
            double[] x = e.curve().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.curve().stream().mapToDouble(p -> p[1]).toArray();
            chart.add(new SvgChart.Series(e.id(), x, y, false));
        }
        c.commonLoss().ifPresent(l -> chart.horizontal(l, "common loss"));
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<title>joulebit comparison</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>\n"
                + "<h1>joulebit comparison</h1>\n<table><tr>");
        t.header().forEach(h -> sb.append("<th>").append(Html.esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : t.rows()) {
            sb.append("<tr>");
            r.forEach(v -> sb.append("<td>").append(Html.esc(v)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        t.notes().forEach(n -> sb.append("<p>").append(Html.esc(n)).append("</p>\n"));
        return sb.append(chart.render()).append("\n</body></html>\n").toString();
    }

    public static String json(Comparison c) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        put(root, "equal_tokens", c.equalTokens());
        put(root, "common_loss_bits", c.commonLoss());
        ArrayNode runs = root.putArray("runs");
        for (Comparison.Entry e : c.runs()) {
            ObjectNode o = runs.addObject();
            o.put("id", e.id());
            o.put("origin", e.audit().data().run().labels().getOrDefault("origin", "live"));
            for (String f : FIGURES) {
                Figure fig = e.figure(f);
                if (fig != null && fig.present()) o.put(f, fig.value()); else o.putNull(f);
            }
            put(o, "loss_bits_at_equal_tokens", e.lossAtEqualTokens());
            put(o, "energy_joules_to_common_loss", e.energyToCommonLoss());
        }
        return SharedMapper.prettyLine(root);
    }

    private static void put(ObjectNode o, String k, OptionalDouble v) {
        if (v.isPresent()) o.put(k, v.getAsDouble()); else o.putNull(k);
    }

    private static String value(Figure f) { return f != null && f.present() ? Fmt.number(f.value()) : "—"; }

    private static String opt(OptionalDouble v) { return v.isPresent() ? Fmt.number(v.getAsDouble()) : "—"; }
}
