package io.joulebit.progress.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Shared test plumbing: a sink that records lines, file writers, and a deadline poll (no sleeping on conditions). */
final class TailFixture {
    private TailFixture() {}

    static final class Recorder implements LineSink {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicInteger caughtUp = new AtomicInteger();

        @Override public void line(String line) { lines.add(line); }

        @Override public void caughtUp() { caughtUp.incrementAndGet(); }
    }

    static void append(Path file, String text) throws IOException {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

}
