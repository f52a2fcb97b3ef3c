package io.joulebit.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.json.SharedMapper;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.RunRecord;
import io.joulebit.thermo.Flag;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * report.json: every figure under {@code figures.<key>} as {value, unit, section, label} — value null with a
 * {@code reason} when undefined — plus {low, high} where the energy uncertainty carries into it, and the devices,
 * uncertainty bands, fit and forecast (with its refusals). Never a NaN or ±Inf.
 */
public final class JsonReport {
    public static final String SCHEMA = "joulebit-audit/1";

    private JsonReport() {}

    public static String render(Audit audit) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", SCHEMA);
        run(root.putObject("run"), audit);
        ObjectNode settings = root.putObject("settings");
        number(settings, "target_loss_bits", audit.settings().targetLossBits());
        number(settings, "grid_intensity_g_per_kwh", audit.settings().gramsPerKwh());
        number(settings, "price_per_kwh", audit.settings().pricePerKwh());
        ObjectNode figures = root.putObject("figures");
        for (Section s : AuditSections.of(audit)) {
            for (FigureRow r : s.rows()) figure(figures.putObject(r.key()), s.id(), r);
        }
        devices(root.putArray("devices"), audit.energy());
        reporting(root.putObject("reporting"), audit);
        uncertainty(root.putObject("uncertainty"), audit.energy());
        fitAndForecast(root, audit);
        ArrayNode flags = root.putArray("flags");
        audit.figures().flags().stream().map(Flag::label).sorted().forEach(flags::add);
        ArrayNode notes = root.putArray("notes");
        audit.notes().forEach(notes::add);
        return SharedMapper.prettyLine(root);
    }

    private static void run(ObjectNode n, Audit a) {
        RunRecord r = a.data().run();
        n.put("id", r.id());
        n.put("created", r.created().toString());
        n.put("started", r.started().map(Object::toString).orElse(null));
        n.put("ended", r.ended().map(Object::toString).orElse(null));
        ObjectNode labels = n.putObject("labels");
        r.labels().forEach(labels::put);
        n.put("checkpoints", a.data().checkpoints().size());
        n.put("step_rows", a.data().steps().size());
        n.put("power_rows", a.data().power().size());
        n.put("last_checkpoint", a.data().last().map(c -> c.wallTime().toString()).orElse(null));
        n.put("baseline_method", a.data().last().map(c -> c.baselineMethod()).orElse(null));
        n.put("model_term", a.totals().inputs().modelTerm().kind().name().toLowerCase(Locale.ROOT));
    }

    static void figure(ObjectNode n, String section, FigureRow r) {
        amount(n, "value", r.value());
        n.put("unit", r.unit());
        n.put("section", section);
        n.put("label", r.label());
        if (!r.value().present()) n.put("reason", r.value().reason());
        if (r.low().isPresent()) {
            Amount lo = r.low().get();
            amount(n, "low", lo);
            amount(n, "high", r.high().orElse(lo));
            if (!lo.present()) n.put("range_reason", lo.reason());
        }
        ArrayNode flags = n.putArray("flags");
        r.flags().forEach(flags::add);
    }

    private static void devices(ArrayNode array, EnergyRange energy) {
        for (EnergyRange.Device d : energy.devices()) {
            ObjectNode n = array.addObject();
            n.put("device", d.totals().device()).put("kind", d.totals().kind()).put("source", d.totals().source())
                    .put("quality", d.totals().quality()).put("method", d.method());
            number(n, "energy_joules", d.totals().energyJoules());
            number(n, "band_ratio", d.band());
            number(n, "low_joules", d.lowJoules());
            number(n, "high_joules", d.highJoules());
            number(n, "uncovered_seconds", d.totals().uncoveredSeconds());
            number(n, "uncovered_energy_joules", d.gapJoules());
            if (d.lowJoules().isEmpty()) n.put("range_reason", "simulated_not_a_measurement");
        }
    }

    /** The fields that make a figure per joule comparable across runs (energy scope, methods, rate, horizon). */
    private static void reporting(ObjectNode n, Audit a) {
        n.put("energy_scope", a.totals().pue() > 1 ? "facility" : "it");
        n.put("pue", a.totals().pue());
        ArrayNode methods = n.putArray("device_methods");
        for (EnergyRange.Device d : a.energy().devices()) {
            methods.addObject().put("device", d.totals().device()).put("quality", d.totals().quality())
                    .put("method", d.method());
        }
        Double hz = a.data().last().map(c -> c.extra().get(StructuralSections.SAMPLE_RATE)).orElse(null);
        number(n, StructuralSections.SAMPLE_RATE, hz == null ? Double.NaN : hz);
        var curve = a.data().last().flatMap(Checkpoint::curve);
        if (curve.isEmpty()) {
            n.putNull("horizon");
            return;
        }
        var c = curve.get();
        n.putObject("horizon").put("first_tokens", c.firstTokens()).put("last_tokens", c.lastTokens())
                .put("window_tokens", c.windowTokens()).put("points", c.points()).put("resumes", c.resumes());
    }

    private static void uncertainty(ObjectNode n, EnergyRange energy) {
        ObjectNode bands = n.putObject("bands");
        for (Map.Entry<String, Double> b : EnergyRange.BANDS.entrySet()) bands.put(b.getKey(), b.getValue());
        bands.putNull(EnergyRange.SIMULATED);
        n.put("unknown_quality_band", EnergyRange.UNKNOWN_QUALITY_BAND);
        n.put("combination", "linear");
        n.put("uncovered_time", "adds uncovered seconds x mean covered power to the high bound");
        number(n, "it_energy_low_joules", energy.lowJoules());
        number(n, "it_energy_high_joules", energy.highJoules());
        if (energy.lowJoules().isEmpty()) n.put("reason", energy.absentReason());
    }

    private static void fitAndForecast(ObjectNode root, Audit a) {
        ObjectNode fit = root.putObject("fit");
        fit.put("model", "L(D) = E + A*D^(-alpha)");
        fit.put("points_source", a.loss().source());
        fit.put("available_points", a.loss().size());
        fit.put("fitted", a.fit().isPresent());
        if (a.fit().isEmpty()) fit.put("reason", "too_few_points");
        Forecast f = a.forecast();
        ObjectNode fc = root.putObject("forecast");
        fc.put("status", f.status());
        fc.put("summary", f.summary());
        ArrayNode refusals = fc.putArray("refusals");
        f.refusals().forEach(r -> refusals.addObject().put("code", r.code()).put("message", r.message()));
        ObjectNode rules = fc.putObject("refuse_when");
        rules.put("points_below", Forecast.MIN_POINTS);
        rules.put("r_squared_below", Forecast.MIN_R_SQUARED);
        rules.put("target_at_or_below_asymptote", true);
        rules.put("tokens_beyond_observed_times", Forecast.MAX_EXTRAPOLATION);
    }

    private static void amount(ObjectNode n, String key, Amount a) {
        if (a.present()) n.put(key, a.value()); else n.putNull(key);
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v); else n.putNull(key);
    }

    private static void number(ObjectNode n, String key, OptionalDouble v) {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) n.put(key, v.getAsDouble()); else n.putNull(key);
    }
}
