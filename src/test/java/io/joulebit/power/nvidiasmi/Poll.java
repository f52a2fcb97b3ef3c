package io.joulebit.power.nvidiasmi;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (no sleeps-to-wait: it re-checks every few ms and fails with a message). */
final class Poll {
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Poll() {}

    static void until(String what, BooleanSupplier condition) { until(what, condition, () -> ""); }

    static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE + ": " + what + " (state: " + state.get() + ")");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2); // yield the CPU between checks; the deadline, not this pause, bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
