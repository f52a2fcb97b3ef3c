package io.joulebit.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.json.SharedMapper;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunSnapshot;
import io.joulebit.thermo.Figure;

/**
 * The snapshot as JSON for /api/v1/run: every figure under its calc-compatible snake_case key with its unit, null
 * when undefined, and the flags that say why. A test holds these numbers equal to `joulebit calc` on the same totals.
 */
public final class RunJson {
    private RunJson() {}

    public static ObjectNode of(RunSnapshot s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("run", s.runId());
        ObjectNode labels = root.putObject("labels");
        s.labels().forEach(labels::put);
        root.put("sequence", s.sequence());
        root.put("elapsed_seconds", s.elapsedSeconds());
        root.put("energy_scope", s.energyScope());
        root.put("pue", s.pue());
        root.put("baseline_method", s.baselineMethod());
        root.put("token_origin", s.tokenOrigin().label());
        var p = s.progress();
        root.put("steps", p.trainSteps());
        root.put("last_step", p.lastStep());
        if (p.tokens().isPresent()) root.put("tokens", p.tokens().getAsLong()); else root.putNull("tokens");
        number(root, "last_loss_bits", p.lossBits());
        number(root, "eval_loss_bits", p.evalLossBits());
        root.put("non_finite_losses", p.nonFiniteLosses());
        root.put("steps_replayed", p.stepsReplayed());
        root.put("tokens_decreased", p.tokensDecreased());
        horizon(root, p);
        ObjectNode figures = root.putObject("figures");
        s.figures().asMap().forEach((k, v) -> figure(figures, k, v));
        figure(figures, "negentropy_flux_total_bits_per_second", s.fluxTotalBitsPerSecond());
        figure(figures, "negentropy_flux_throughput_bits_per_second", s.fluxThroughputBitsPerSecond());
        figure(figures, "heat_capacity", s.heat().heatCapacity());
        figure(figures, "carbon_grams", s.carbonGrams());
        root.put("transition_candidates", s.heat().candidates());
        ArrayNode flags = root.putArray("flags");
        s.flags().stream().map(f -> f.label()).sorted().forEach(flags::add);
        ArrayNode devices = root.putArray("devices");
        for (DeviceReading d : s.devices()) {
            ObjectNode n = devices.addObject();
            n.put("device", d.device()).put("kind", d.kind().label()).put("source", d.source())
                    .put("method", d.quality().label()).put("energy_joules", d.energyJoules())
                    .put("uncovered_seconds", d.uncoveredSeconds());
            number(n, "watts", d.watts());
            number(n, "celsius", d.celsius());
            number(n, "utilization_ratio", d.utilization());
            number(n, "power_limit_watts", d.powerLimitWatts());
        }
        ArrayNode sources = root.putArray("sources");
        s.sources().forEach(h -> {
            ObjectNode errors = sources.addObject().put("source", h.source()).put("up", h.up()).putObject("errors");
            h.errorsByReason().forEach(errors::put);
        });
        return root;
    }

    public static byte[] bytes(RunSnapshot s) {
        try {
            return SharedMapper.pretty().writeValueAsBytes(of(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token window of the structural figures' sum (PHYSICS.md §2), null before its first point. */
    private static void horizon(ObjectNode root, ProgressState p) {
        if (p.curve().isEmpty()) {
            root.putNull("structural_horizon");
            return;
        }
        var c = p.curve().get();
        root.putObject("structural_horizon").put("first_tokens", c.firstTokens()).put("last_tokens", c.lastTokens())
                .put("window_tokens", c.windowTokens()).put("points", c.points()).put("resumes", c.resumes());
    }

    private static void figure(ObjectNode n, String key, Figure f) {
        if (f.present()) n.put(key, f.value()); else n.putNull(key);
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) n.put(key, v); else n.putNull(key);
    }
}
