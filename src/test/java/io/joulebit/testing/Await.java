package io.joulebit.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one wait helper of the test suite: polls a condition until it holds or a deadline passes, then fails with what
 * it was waiting for and the last state it saw. The pause between checks only spaces them; the deadline bounds the
 * wait. Probes that ask a server (Prometheus evaluates every second) are spaced by {@link #PAUSE}; in-process
 * conditions by {@link #SHORT_PAUSE}.
 */
public final class Await {
    public static final Duration PAUSE = Duration.ofMillis(100);
    public static final Duration SHORT_PAUSE = Duration.ofMillis(5);
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {}

    /** Polls {@code probe} until {@code ok} holds and returns that value, or fails after {@code deadline}. */
    public static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> ok) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (ok.test(last)) return last;
            } catch (RuntimeException e) {
                lastError = e; // e.g. Prometheus not answering yet: keep trying until the deadline
            }
            if (System.nanoTime() > end) {
                AssertionError fail = new AssertionError("not within " + deadline + ": " + what + " (last seen: "
                        + (lastError != null ? lastError : last) + ")");
                if (lastError != null) fail.initCause(lastError);
                throw fail;
            }
            pause(PAUSE, what);
        }
    }

    public static void until(String what, Duration deadline, Supplier<Boolean> condition) {
        until(what, deadline, condition, Boolean::booleanValue);
    }

    /** An in-process condition, within {@link #DEFAULT}. */
    public static void until(String what, BooleanSupplier condition) { until(what, DEFAULT, condition, () -> ""); }

    public static void until(String what, BooleanSupplier condition, Supplier<Object> state) {
        until(what, DEFAULT, condition, state);
    }

    /** An in-process condition, re-checked every few ms; {@code state} says what was seen when it fails. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what + " (state: " + state.get() + ")");
            }
            pause(SHORT_PAUSE, what);
        }
    }

    private static void pause(Duration d, String what) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
