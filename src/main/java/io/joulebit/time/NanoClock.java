package io.joulebit.time;

/** A monotonic nanosecond clock. Logic takes one of these instead of calling System.nanoTime(), so tests drive time. */
@FunctionalInterface
public interface NanoClock {
    long nanoTime();

    NanoClock SYSTEM = System::nanoTime;
}
