package io.joulebit.power.oshi;

import java.util.OptionalDouble;

/**
 * Busy ratio from two OSHI system tick snapshots (order of oshi's TickType: user, nice, system, idle, iowait, irq,
 * softirq, steal). Busy = user + nice + system + irq + softirq. Idle and iowait are not busy; steal (time the
 * hypervisor gave to other guests) is in the total but not busy, since it is not this machine's work.
 */
final class CpuTicks {
    private static final int USER = 0, NICE = 1, SYSTEM = 2, IDLE = 3, IOWAIT = 4, IRQ = 5, SOFTIRQ = 6, STEAL = 7;

    private CpuTicks() {}

    /** Empty when either snapshot is malformed, a counter went backwards, or no time passed. */
    static OptionalDouble busyRatio(long[] prev, long[] cur) {
        if (prev == null || cur == null || prev.length < 7 || cur.length < 7) return OptionalDouble.empty();
        long[] d = new long[8];
        for (int i = 0; i < Math.min(8, Math.min(prev.length, cur.length)); i++) {
            d[i] = cur[i] - prev[i];
            if (d[i] < 0) return OptionalDouble.empty();
        }
        long busy = d[USER] + d[NICE] + d[SYSTEM] + d[IRQ] + d[SOFTIRQ];
        long total = busy + d[IDLE] + d[IOWAIT] + d[STEAL];
        return total > 0 ? OptionalDouble.of((double) busy / total) : OptionalDouble.empty();
    }
}
