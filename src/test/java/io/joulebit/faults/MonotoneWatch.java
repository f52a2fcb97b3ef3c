package io.joulebit.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Scrapes and remembers: the energy counter, steps and elapsed time must never go backwards. */
final class MonotoneWatch {
    final StoredAgent a;
    final List<String> violations = new ArrayList<>();
    double energy;
    double steps;
    double elapsed;

    MonotoneWatch(StoredAgent a) { this.a = a; }

    void check() {
        String m = a.scrape.text();
        double e = Scrape.series(m, "joulebit_run_energy_joules_total").orElse(0);
        double s = Scrape.series(m, "joulebit_run_steps_total").orElse(0);
        double t = a.agent.latest().elapsedSeconds();
        if (e < energy || s < steps || t < elapsed) {
            violations.add("went back: energy " + energy + "->" + e + ", steps " + steps + "->" + s
                    + ", elapsed " + elapsed + "->" + t + " at " + Instant.now());
        }
        energy = e;
        steps = s;
        elapsed = t;
    }
}
