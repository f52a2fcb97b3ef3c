package io.joulebit.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests and deterministic simulations. */
public final class ManualNanoClock implements NanoClock {
    private final AtomicLong nanos;

    public ManualNanoClock(long startNanos) { this.nanos = new AtomicLong(startNanos); }

    public ManualNanoClock() { this(0L); }

    @Override public long nanoTime() { return nanos.get(); }

    public void advance(Duration d) { nanos.addAndGet(d.toNanos()); }

    public void set(long value) { nanos.set(value); }
}
