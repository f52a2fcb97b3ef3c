package io.joulebit.store;

import io.joulebit.testing.ChildJava;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Java main from the test classpath run as a child JVM, for crash tests: its stdout lines arrive on a queue the test
 * polls with a deadline, its stderr goes to a file for the failure message, and {@link #kill()} is SIGKILL.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with this JVM's java and test classpath; stderr goes to {@code stderrFile}. */
    public static ChildJvm start(Class<?> main, Path stderrFile, String... args) throws IOException {
        List<String> argv = ChildJava.command("-Xshare:auto", main.getName());
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectError(stderrFile.toFile()).start();
        return new ChildJvm(p, stderrFile);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            // the child was killed mid-line: what arrived is what counts
        }
    }

    /** The next stdout line matching {@code wanted} (earlier lines are passed to {@code seen}); fails at the deadline. */
    public String awaitLine(Predicate<String> wanted, Consumer<String> seen, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("child " + process.pid() + " printed no matching line within " + timeout
                        + " (alive=" + process.isAlive() + "); stderr:\n" + stderrTail());
            }
            seen.accept(line);
            if (wanted.test(line)) return line;
        }
    }

    /** Lines printed but not yet read; after {@link #kill()} these are all the child ever printed. */
    public List<String> remainingLines() {
        List<String> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    /** SIGKILL (no shutdown hooks, no finally blocks); returns once the process is gone and its stdout fully read. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("child " + process.pid() + " survived kill");
        reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    public String stderrTail() {
        try {
            String s = Files.readString(stderr);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
