package io.joulebit.export.micrometer;

import java.util.List;

/**
 * A Prometheus family name split into the Micrometer meter name and base unit that give it back: Micrometer's
 * Prometheus naming convention turns dots into underscores, appends "_" + base unit, and client_java appends
 * "_total" to counters. So joulebit_run_energy_joules (a counter) is meter "joulebit.run.energy", unit "joules",
 * and OTLP receives the same split (name without the unit, unit in its own field).
 */
record MeterName(String name, String baseUnit) {
    /** Longest first: "bits_per_second" before "seconds" and "bits". */
    private static final List<String> UNITS = List.of("watts_per_kelvin", "bits_per_second", "joules", "watts",
            "bits", "seconds", "celsius", "kelvin", "ratio", "grams", "bytes");

    /** @param prometheus the family name as client_java's snapshot holds it (no _total, no _info) */
    static MeterName of(String prometheus) {
        for (String u : UNITS) {
            if (prometheus.endsWith("_" + u)) {
                return new MeterName(dotted(prometheus.substring(0, prometheus.length() - u.length() - 1)), u);
            }
        }
        return new MeterName(dotted(prometheus), null);
    }

    private static String dotted(String s) { return s.replace('_', '.'); }
}
