package io.joulebit.importer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads a preset's series over the run's window into one trace per device. Range queries return a value at every
 * step, repeating the last sample for up to five minutes; for a plain selector the companion query
 * {@code timestamp(m)} tells which steps brought a new scrape, so each trace holds real scrapes at their own times and
 * a scrape gap stays a gap (uncovered when integrating watts, as in the live agent). A device that a counter covers
 * takes no power series; two series for one device keep the longer one, with a warning.
 */
public final class EnergyReader {
    private static final Logger LOG = LoggerFactory.getLogger(EnergyReader.class);
    static final int SHOWN_LABEL_SETS = 10;

    private final PromClient prom;

    public EnergyReader(PromClient prom) { this.prom = prom; }

    public List<DeviceTrace> read(EnergyPreset preset, String selector, double from, double to, double step)
            throws ImportException {
        Map<String, DeviceTrace> byDevice = new LinkedHashMap<>();
        List<String> tried = new ArrayList<>();
        for (EnergyPreset.Metric m : preset.metrics()) {
            String q = m.narrowed(selector);
            tried.add(q);
            List<PromSeries> values = prom.queryRange(q, from, to, step);
            if (values.isEmpty()) continue;
            Map<Map<String, String>, PromSeries> stamps = new HashMap<>();
            if (m.raw()) for (PromSeries s : prom.queryRange("timestamp(" + q + ")", from, to, step)) {
                stamps.put(withoutName(s.labels()), s);
            }
            long nodes = values.stream().map(s -> m.node().apply(s.labels())).distinct().count();
            for (PromSeries s : values) {
                String device = m.device().apply(s.labels());
                if (nodes > 1) device = m.node().apply(s.labels()) + "/" + device;
                DeviceTrace t = trace(device, m, s, stamps.get(withoutName(s.labels())), q);
                if (t.size() == 0) continue;
                DeviceTrace had = byDevice.get(device);
                if (had != null && had.measure() == EnergyPreset.Kind.COUNTER && m.kind() == EnergyPreset.Kind.POWER) {
                    continue; // the counter measures this device; its power gauge is not needed
                }
                if (had != null && had.measure() == m.kind()) {
                    LOG.warn("import: two series for device {} ({}); keeping the one with more points", device, q);
                    if (had.size() >= t.size()) continue;
                }
                byDevice.put(device, t);
            }
        }
        if (byDevice.isEmpty()) throw nothingMatched(preset, selector, tried, from, to);
        return List.copyOf(byDevice.values());
    }

    /** The points where a new scrape arrived (all of them when the sample times cannot be read), scaled to SI. */
    private static DeviceTrace trace(String device, EnergyPreset.Metric m, PromSeries s, PromSeries stamps, String q) {
        Map<Double, Double> scrapeAt = new TreeMap<>();
        if (stamps != null) for (int i = 0; i < stamps.size(); i++) scrapeAt.put(stamps.times()[i], stamps.values()[i]);
        List<double[]> pts = new ArrayList<>();
        double lastScrape = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            double v = s.values()[i];
            if (!Double.isFinite(v)) continue;
            double t = s.times()[i];
            if (stamps != null) {
                Double scraped = scrapeAt.get(t);
                if (scraped == null || scraped <= lastScrape) continue; // a repeat of the last scrape, not a reading
                lastScrape = scraped;
                t = scraped;
            }
            pts.add(new double[]{t, v * m.toSi()});
        }
        double[] times = new double[pts.size()];
        double[] vals = new double[pts.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = pts.get(i)[0];
            vals[i] = pts.get(i)[1];
        }
        return new DeviceTrace(device, m.deviceKind(), m.kind(), times, vals, q);
    }

    /** No series: say what the metrics do carry in the window, so the selector can be fixed. */
    private ImportException nothingMatched(EnergyPreset preset, String selector, List<String> tried, double from,
                                           double to) throws ImportException {
        StringBuilder msg = new StringBuilder("--energy " + preset.name() + ": no series in the window for "
                + String.join(" or ", tried));
        for (EnergyPreset.Metric m : preset.metrics()) {
            if (!m.raw()) continue;
            List<Map<String, String>> all = prom.series(m.selector(), from, to);
            if (all.isEmpty()) {
                msg.append("\n  ").append(m.selector()).append(": no series at all in the window");
                continue;
            }
            msg.append("\n  ").append(m.selector()).append(" has ").append(all.size()).append(" series, e.g.:");
            all.stream().limit(SHOWN_LABEL_SETS).forEach(l -> msg.append("\n    ")
                    .append(new PromSeries(withoutName(l), new double[0], new double[0]).labelSet()));
        }
        if (selector != null && !selector.isBlank()) msg.append("\n  check --selector ").append(selector);
        return new ImportException(2, msg.toString());
    }

    private static Map<String, String> withoutName(Map<String, String> labels) {
        return labels.entrySet().stream().filter(e -> !e.getKey().equals("__name__"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
