package io.joulebit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.json.SharedMapper;
import io.joulebit.store.ConnectionFactory;
import io.joulebit.store.RunSummary;
import io.joulebit.store.StoreException;
import io.joulebit.store.StoreOptions;
import io.joulebit.store.StoreReader;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** `joulebit runs`: the runs in a store with their totals as of each run's latest checkpoint. */
public final class RunsCommand implements CliCommand {
    enum Format { text, json }

    private static final String ABSENT = "-";

    @Override
    public String name() {
        return "runs";
    }

    @Override
    public List<String> description() {
        return List.of("List the stored runs with their totals (as of each run's latest checkpoint).");
    }

    @Override
    public Options options() {
        return new OptionList()
                .value("store", "PATH", "Store file (default: " + StoreOptions.DEFAULT_PATH + ").")
                .value("format", "FORMAT", "text or json (default: text).")
                .get();
    }

    @Override
    public int run(Args a, PrintWriter out, PrintWriter err) {
        Path store = a.path("store", StoreOptions.DEFAULT_PATH);
        Format format = a.choice("format", Format.class, Format.text);
        if (!Files.isRegularFile(store)) {
            err.println(store + ": no store here (nothing recorded yet, or a wrong --store path)");
            return 1;
        }
        List<RunSummary> runs;
        try (StoreReader reader = StoreReader.open(store, ConnectionFactory.SQLITE_READ_ONLY)) {
            runs = reader.listRuns();
        } catch (StoreException e) {
            err.println(store + ": " + e.getMessage());
            return 1;
        }
        out.print(format == Format.json ? json(runs) : text(runs));
        out.flush();
        return 0;
    }

    static String text(List<RunSummary> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"RUN", "ORIGIN", "STARTED", "ENDED", "STEPS", "TOKENS", "ENERGY_J", "QUALITY"});
        for (RunSummary r : runs) {
            rows.add(new String[]{r.run().id(), r.run().labels().getOrDefault("origin", "live"), r.run().started().map(Object::toString).orElse(ABSENT),
                    r.run().ended().map(Object::toString).orElse(ABSENT),
                    r.last().map(c -> Long.toString(c.steps())).orElse(ABSENT),
                    r.last().filter(c -> c.tokens().isPresent()).map(c -> Long.toString(c.tokens().getAsLong()))
                            .orElse(ABSENT),
                    Double.isNaN(r.energyJoules()) ? ABSENT : String.format(Locale.ROOT, "%.1f", r.energyJoules()),
                    qualityMix(r)});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringJoiner line = new StringJoiner("  ");
            for (int i = 0; i < row.length; i++) {
                line.add(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + width[i] + "s", row[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (runs.isEmpty()) sb.append("(no runs stored)\n");
        return sb.toString();
    }

    /** "counter 92%, integrated 8%": each quality's share of the run's energy. */
    static String qualityMix(RunSummary r) {
        Map<String, Double> byQuality = r.energyByQuality();
        double total = r.energyJoules();
        if (byQuality.isEmpty() || !(total > 0)) return byQuality.isEmpty() ? ABSENT : String.join(", ", byQuality.keySet());
        StringJoiner mix = new StringJoiner(", ");
        byQuality.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> mix.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue() / total)));
        return mix.toString();
    }

    static String json(List<RunSummary> runs) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (RunSummary r : runs) {
            ObjectNode o = array.addObject();
            o.put("id", r.run().id());
            o.put("origin", r.run().labels().getOrDefault("origin", "live")); // imported runs carry it
            o.put("started", r.run().started().map(Object::toString).orElse(null));
            o.put("ended", r.run().ended().map(Object::toString).orElse(null));
            if (r.last().isPresent()) o.put("steps", r.last().get().steps()); else o.putNull("steps");
            if (r.last().isPresent() && r.last().get().tokens().isPresent()) {
                o.put("tokens", r.last().get().tokens().getAsLong());
            } else {
                o.putNull("tokens");
            }
            if (Double.isFinite(r.energyJoules())) o.put("energy_joules", r.energyJoules()); else o.putNull("energy_joules");
            ObjectNode quality = o.putObject("energy_joules_by_quality");
            r.energyByQuality().forEach((k, v) -> {
                if (Double.isFinite(v)) quality.put(k, v); else quality.putNull(k);
            });
            ObjectNode labels = o.putObject("labels");
            r.run().labels().forEach(labels::put);
        }
        return SharedMapper.prettyLine(array);
    }
}
