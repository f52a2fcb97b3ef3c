package io.joulebit.progress;

import java.util.function.Consumer;

/**
 * Something that reports training progress: a tailed log, metric files, trainer_state.json. Each source reports its
 * own bookkeeping, so the agent wires every one the same way: where its token counts come from and what it made of
 * its input. (HTTP ingest and the DJL listener feed the agent directly and name their origin there.)
 */
public interface ProgressSource extends AutoCloseable {
    String name();

    /** Begin delivering events to {@code sink}; returns promptly (work happens on the source's own thread). */
    void start(Consumer<StepEvent> sink);

    /** Where the token counts of the events delivered so far come from (run_info's token_origin). */
    default TokenOrigin tokenOrigin() { return TokenOrigin.NONE; }

    /** What the source made of its input so far (progress_lines_total and the followed file's events). */
    default LineCounts lines() { return LineCounts.NONE; }

    @Override
    default void close() {}
}
