package io.joulebit.export.page;

import io.joulebit.run.RunSnapshot;
import io.joulebit.thermo.Figure;

import java.util.Arrays;

/** The run-wide series the page charts, under their /api/v1/history keys (the units are in the names). */
public enum Series {
    ENERGY_JOULES("energy_joules", Merge.LAST),
    TOKENS("tokens", Merge.LAST),
    LOSS_BITS("loss_bits", Merge.LAST),
    EVAL_LOSS_BITS("eval_loss_bits", Merge.LAST),
    INFORMATION_BITS("information_bits", Merge.LAST),
    ENERGY_PER_BIT_JOULES("energy_per_bit_joules", Merge.LAST),
    NEGENTROPY_FLUX_BITS_PER_SECOND("negentropy_flux_bits_per_second", Merge.MEAN);

    /** How two observations in one bucket combine: totals and the loss keep the latest, rates average. */
    public enum Merge { LAST, MEAN }

    public static final int COUNT = values().length;

    public final String key;
    public final Merge merge;

    Series(String key, Merge merge) {
        this.key = key;
        this.merge = merge;
    }

    /** A row for {@link HistoryRing#record}, all NaN. */
    public static double[] row() {
        double[] r = new double[COUNT];
        Arrays.fill(r, Double.NaN);
        return r;
    }

    /** The snapshot's values of every series (the same figures /api/v1/run shows). */
    public static double[] of(RunSnapshot s) {
        double[] r = row();
        var f = s.figures();
        var p = s.progress();
        r[ENERGY_JOULES.ordinal()] = value(f.energyJoules());
        r[TOKENS.ordinal()] = p.tokens().isPresent() ? p.tokens().getAsLong() : Double.NaN;
        r[LOSS_BITS.ordinal()] = p.lossBits();
        r[EVAL_LOSS_BITS.ordinal()] = p.evalLossBits();
        r[INFORMATION_BITS.ordinal()] = value(f.netInformationBits());
        r[ENERGY_PER_BIT_JOULES.ordinal()] = value(f.energyPerBitJoules());
        r[NEGENTROPY_FLUX_BITS_PER_SECOND.ordinal()] = value(s.fluxTotalBitsPerSecond());
        return r;
    }

    private static double value(Figure f) { return f.present() ? f.value() : Double.NaN; }
}
