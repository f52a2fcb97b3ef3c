package io.joulebit.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: re-checks every few ms and fails with what it was waiting for. */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {}

    static void until(String what, BooleanSupplier condition) { until(what, DEFAULT, condition, () -> ""); }

    static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        until(what, DEFAULT, condition, state);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what + " (state: " + state.get() + ")");
            }
            try {
                Thread.sleep(5); // yields between checks; the deadline, not this pause, bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
