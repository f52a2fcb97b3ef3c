package io.joulebit.run;

import io.joulebit.progress.TokenOrigin;
import io.joulebit.thermo.Figure;
import io.joulebit.thermo.Flag;
import io.joulebit.thermo.ThermoFigures;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything exporters may show about a run at one moment. Immutable: the accountant publishes a new one after each
 * change and readers (a scrape, the JSON API, the status line) only ever read the latest.
 *
 * @param sequence       increases with every publication
 * @param itEnergyJoules IT energy (sum over devices); figures use it × pue
 * @param tokenOrigin    where D comes from (exported as its label: log, samples_x_seq_len, ..., listener, ingest, none)
 * @param flags          warnings and reasons for absent figures, run-wide
 * @param store          the run store's health; empty when no store is used
 */
public record RunSnapshot(String runId, Map<String, String> labels, long sequence, double elapsedSeconds,
                          double itEnergyJoules, double pue, List<DeviceReading> devices, List<SourceHealth> sources,
                          ProgressState progress, String baselineMethod, TokenOrigin tokenOrigin, ThermoFigures figures,
                          Figure fluxTotalBitsPerSecond, Figure fluxThroughputBitsPerSecond, HeatState heat,
                          Figure carbonGrams, Set<Flag> flags, Optional<StoreStatus> store) {
    public RunSnapshot {
        labels = Map.copyOf(labels);
        devices = List.copyOf(devices);
        sources = List.copyOf(sources);
        flags = Set.copyOf(flags);
    }

    /** The energy every figure uses: facility energy when PUE > 1, else IT energy. */
    public String energyScope() { return pue > 1 ? "facility" : "it"; }
}
