package io.joulebit.progress.tail;

/** Receives a tailer's complete, cleaned lines on the tailer's thread. */
@FunctionalInterface
public interface LineSink {
    /** One complete line, without terminator, CR, ANSI escapes or overdrawn progress-bar segments. */
    void line(String line);

    /** Called after every poll that read the file to its current end (also when nothing new arrived). */
    default void caughtUp() {}
}
