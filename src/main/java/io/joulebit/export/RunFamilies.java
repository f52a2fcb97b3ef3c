package io.joulebit.export;

import io.joulebit.run.RunSnapshot;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.ThermoFigures;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Run-level families (label run plus the configured static labels); each names its PHYSICS.md section. */
final class RunFamilies {
    private RunFamilies() {}

    static Labels runLabels(RunSnapshot s) {
        Map<String, String> all = new TreeMap<>(s.labels());
        all.put("run", s.runId());
        return Labels.of(new ArrayList<>(all.keySet()), new ArrayList<>(all.values()));
    }

    static void add(Families f, RunSnapshot s) {
        Labels run = runLabels(s);
        ThermoFigures t = s.figures();
        var p = s.progress();
        f.counter("run_energy_joules", "Energy of the run (" + "IT energy x PUE; run_info energy_scope says which), "
                + "summed over devices (PHYSICS.md §3).", run, t.energyJoules().orElse(Double.NaN));
        f.counter("run_tokens", "Loss-bearing tokens trained so far, all ranks counted once (D).", run,
                p.tokens().isPresent() ? p.tokens().getAsLong() : Double.NaN);
        f.counter("run_steps", "Training steps seen.", run, p.trainSteps());
        gauge(f, "loss_bits", "Smoothed training loss L-bar in bits/token (PHYSICS.md §0).", run, t.lossBits());
        gauge(f, "entropy_baseline_bits", "Baseline entropy H in bits/token; run_info baseline_method says how "
                + "(PHYSICS.md §1).", run, t.baselineBits());
        gauge(f, "information_bits", "Net information transferred B = D (H - L-bar) - M in bits (PHYSICS.md §2).",
                run, t.netInformationBits());
        gauge(f, "information_capacity_ratio", "IC-1 information capacity I / (N_params b) (PHYSICS.md §2).", run,
                t.informationCapacityRatio());
        gauge(f, "information_bits_per_parameter", "Information bits per parameter I / N_params (PHYSICS.md §2).",
                run, t.informationBitsPerParameter());
        String flux = "Negentropy flux: total = dB/dt, throughput = dD/dt (H - L-bar) (PHYSICS.md §5).";
        gauge(f, "negentropy_flux_bits_per_second", flux, run.add("form", "total"), s.fluxTotalBitsPerSecond());
        gauge(f, "negentropy_flux_bits_per_second", flux, run.add("form", "throughput"),
                s.fluxThroughputBitsPerSecond());
        gauge(f, "landauer_min_energy_joules", "Landauer minimum energy max(0,B) k_B T ln 2 (PHYSICS.md §4).", run,
                t.landauerMinEnergyJoules());
        gauge(f, "landauer_efficiency_ratio", "Landauer efficiency E_min / E (PHYSICS.md §4).", run,
                t.landauerEfficiencyRatio());
        gauge(f, "energy_per_bit_joules", "Energy per bit learned E / B (PHYSICS.md §4).", run,
                t.energyPerBitJoules());
        gauge(f, "structural_information_bits", "Structural information S = sum dD (L_k + L_k-1)/2 - (D - D_0) "
                + "L-bar in bits: the area of the loss curve above the current loss, no baseline (PHYSICS.md §2).",
                run, t.structuralInformationBits());
        gauge(f, "prequential_information_bits", "Prequential information I_preq = sum dD (H - (L_k + L_k-1)/2) in "
                + "bits; I_preq + S = (D - D_0)(H - L-bar) (PHYSICS.md §2).", run, t.prequentialInformationBits());
        gauge(f, "energy_per_structural_bit_joules", "Energy per structural bit E / S; absent while S <= 0 "
                + "(PHYSICS.md §2).", run, t.energyPerStructuralBitJoules());
        gauge(f, "energy_per_token_joules", "Energy per token E / D (PHYSICS.md §5).", run, t.energyPerTokenJoules());
        gauge(f, "landauer_temperature_kelvin", "Landauer reservoir temperature T (PHYSICS.md §4).", run,
                t.temperatureKelvin());
        gauge(f, "entropy_production_watts_per_kelvin", "Entropy production P / T_amb (PHYSICS.md §5).", run,
                t.entropyProductionWattsPerKelvin());
        gauge(f, "heat_capacity", "Loss-fluctuation heat capacity C_L = s^2 / T_eff^2, a proxy early warning of "
                + "phase transitions (PHYSICS.md §6).", run, s.heat().heatCapacity());
        gauge(f, "heat_capacity_loss_variance", "Detrended loss variance s^2 of the last window, nats^2 "
                + "(PHYSICS.md §6).", run, s.heat().lossVariance());
        gauge(f, "heat_capacity_effective_temperature", "Effective SGD temperature T_eff of the last window "
                + "(PHYSICS.md §6).", run, s.heat().effectiveTemperature());
        f.counter("transition_candidates", "Heat-capacity windows flagged as phase-transition candidates "
                + "(PHYSICS.md §6).", run, s.heat().candidates());
        f.counter("carbon_grams", "Carbon of the run's energy at the configured grid intensity, gCO2e.", run,
                s.carbonGrams().orElse(Double.NaN));
        f.info("run", "The run and how its figures are made.", run.merge(Labels.of("baseline_method",
                s.baselineMethod(), "energy_scope", s.energyScope(), "token_origin", s.tokenOrigin().label())));
        for (Flag flag : sorted(s)) {
            f.gauge("run_flag", "1 while a flag is set: a warning (diverged, loss_above_baseline, "
                    + "landauer_unit_suspect) or why a figure is absent (no_tokens, no_energy, ...).",
                    run.add("flag", flag.label()), 1);
        }
    }

    private static void gauge(Families f, String name, String help, Labels l, Figure v) {
        f.declare("gauge", name, help);
        if (v.present()) f.gauge(name, help, l, v.value());
    }

    private static List<Flag> sorted(RunSnapshot s) {
        List<Flag> flags = new ArrayList<>(s.flags());
        flags.sort(null);
        return flags;
    }
}
