package io.joulebit.store;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A stored run with the totals of its latest checkpoint (none when it never checkpointed). */
public record RunSummary(RunRecord run, Optional<Checkpoint> last) {
    /** Energy as of the latest checkpoint; NaN when there is none (absent is not zero). */
    public double energyJoules() { return last.map(Checkpoint::energyJoules).orElse(Double.NaN); }

    /** Joules per energy quality label (counter, integrated, ...), as of the latest checkpoint. */
    public Map<String, Double> energyByQuality() {
        Map<String, Double> out = new TreeMap<>();
        last.ifPresent(c -> c.devices().values().forEach(d -> out.merge(d.quality(), d.energyJoules(), Double::sum)));
        return out;
    }
}
