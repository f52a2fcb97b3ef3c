package io.joulebit.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline: re-checks every {@link #PAUSE} and fails with the last value it saw.
 * The pause only spaces the checks (Prometheus scrapes and evaluates every second); the deadline bounds the wait.
 */
public final class Await {
    static final Duration PAUSE = Duration.ofMillis(100);

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
            pause();
        }
    }

    public static void until(String what, Duration deadline, Supplier<Boolean> condition) {
        until(what, deadline, condition, Boolean::booleanValue);
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
