package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.Objects;

/**
 * What one line yielded. Events carry tokens only when the log printed them; {@code consumedSamples} (or -1) lets
 * {@link TokenDeriver} derive tokens as samples × seq-len. A line can yield two events (a train loss and a val loss
 * on one Keras/Lightning row).
 */
public record LineResult(LineKind kind, List<StepEvent> events, long consumedSamples) {
    public static final LineResult IGNORED = new LineResult(LineKind.IGNORED, List.of(), -1);
    public static final LineResult REJECTED = new LineResult(LineKind.REJECTED, List.of(), -1);

    public LineResult {
        Objects.requireNonNull(kind, "kind");
        events = List.copyOf(events);
        if (kind == LineKind.PARSED && events.isEmpty()) throw new IllegalArgumentException("parsed without event");
    }

    public static LineResult of(StepEvent e) { return new LineResult(LineKind.PARSED, List.of(e), -1); }

    public static LineResult of(StepEvent e, long consumedSamples) {
        return new LineResult(LineKind.PARSED, List.of(e), consumedSamples);
    }

    public static LineResult of(List<StepEvent> events) {
        return events.isEmpty() ? IGNORED : new LineResult(LineKind.PARSED, events, -1);
    }
}
