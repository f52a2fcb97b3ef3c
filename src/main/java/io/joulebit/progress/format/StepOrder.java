package io.joulebit.progress.format;

import io.joulebit.progress.Phase;

/**
 * Counts each step once when several ranks print it. Lines that carried a rank prefix are kept only when their
 * step is beyond the last one kept in their phase, so ranks whose output interleaves (buffered stdout flushed late)
 * still come out in step order. Lines without a prefix (a launcher that prints every rank unmarked) are dropped only
 * when they repeat a recent step with the bit-identical loss: a resumed run that logs old steps again with new
 * numbers keeps them, as before.
 */
final class StepOrder {
    private static final int RECENT = 64;
    private final long[] max = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final long[] recentStep = new long[RECENT];
    private final long[] recentLoss = new long[RECENT];
    private final byte[] recentPhase = new byte[RECENT];
    private int recentCount;
    private int next;

    /** Whether this event is new; records it when it is. */
    boolean keep(long step, Phase phase, boolean hasLoss, double loss, boolean prefixed) {
        int p = phase.ordinal();
        long bits = hasLoss ? Double.doubleToLongBits(loss) : 1L;   // 1L: no NaN/double has these bits as "absent"
        if (step <= max[p]) {
            if (prefixed) return false;
            for (int i = 0; i < recentCount; i++) {
                if (recentStep[i] == step && recentPhase[i] == p && recentLoss[i] == bits) return false;
            }
        } else {
            max[p] = step;
        }
        recentStep[next] = step;
        recentLoss[next] = bits;
        recentPhase[next] = (byte) p;
        next = (next + 1) % RECENT;
        if (recentCount < RECENT) recentCount++;
        return true;
    }

    boolean keep(StepRecord r, boolean prefixed) {
        return keep(r.step, r.phase, r.hasLoss, r.lossNats, prefixed);
    }
}
