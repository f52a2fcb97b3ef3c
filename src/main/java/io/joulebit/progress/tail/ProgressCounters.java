package io.joulebit.progress.tail;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a progress source made of its input, for {@code progress_lines_total{result=parsed|ignored|rejected}} and
 * {@code progress_last_event_timestamp_seconds}.
 *
 * @param parsed             lines that became a StepEvent
 * @param ignored            lines that were not a step (blank, banners, other output, undetected format)
 * @param rejected           lines that could not be handled: over the length cap, or the parser failed on them
 * @param lastEventMonoNanos monotonic time of the last event delivered; empty before the first
 */
public record ProgressCounters(long parsed, long ignored, long rejected, OptionalLong lastEventMonoNanos) {
    public ProgressCounters {
        Objects.requireNonNull(lastEventMonoNanos, "lastEventMonoNanos");
    }
}
