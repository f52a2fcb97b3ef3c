package io.joulebit.progress.ingest;

import io.joulebit.progress.StepEvent;
import java.util.List;
import java.util.Objects;

/** Outcome of parsing one {@code POST /api/v1/steps} body: all events, or none and why. */
public sealed interface StepsBodyResult {
    /** Every element was valid; events in body order, monoNanos = 0 (the receiver stamps them). HTTP 202. */
    record Accepted(List<StepEvent> events) implements StepsBodyResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /** Malformed JSON or an invalid element; nothing may be applied. HTTP 400. */
    record BadRequest(String reason) implements StepsBodyResult {
        public BadRequest {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Over the byte or event limit; nothing may be applied. HTTP 413. */
    record TooLarge(String reason) implements StepsBodyResult {
        public TooLarge {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
