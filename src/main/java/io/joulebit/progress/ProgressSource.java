package io.joulebit.progress;

import java.util.function.Consumer;

/** Something that reports training progress: a tailed log, HTTP pushes, or DJL's TrainingListener. */
public interface ProgressSource extends AutoCloseable {
    String name();

    /** Begin delivering events to {@code sink}; returns promptly (work happens on the source's own thread). */
    void start(Consumer<StepEvent> sink);

    @Override
    default void close() {}
}
