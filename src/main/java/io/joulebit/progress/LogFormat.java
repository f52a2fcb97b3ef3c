package io.joulebit.progress;

import java.util.List;
import java.util.Optional;

/**
 * A parser for one framework's log lines. Instances may keep state (a CSV header, a multi-line block), so use one
 * instance per followed file. Implementations never throw on any input: a line that is not a step is empty.
 */
public interface LogFormat {
    String name();

    /** Whether these first lines of a file look like this format. */
    boolean detect(List<String> firstLines);

    /** A step event (monoNanos = 0, the caller stamps it) or empty when the line is not a step. */
    Optional<StepEvent> parse(CharSequence line);
}
