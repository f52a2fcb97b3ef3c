package io.joulebit.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (promtool, systemd-analyze) with a deadline: stdout+stderr read on their own thread. */
final class BoundedProcess {
    record Result(int exitCode, boolean timedOut, String output) {
        boolean ok() { return !timedOut && exitCode == 0; }
    }

    private BoundedProcess() {}

    /** Runs {@code argv} in {@code dir}; past {@code timeout} it and its children are killed and timedOut is set. */
    static Result run(List<String> argv, Path dir, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close(); // the tools read no stdin
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "bounded-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            String text = snapshot(out);
            return done ? new Result(p.exitValue(), false, text) : new Result(-1, true, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (out) { out.write(buf, 0, n); }
            }
        } catch (IOException ignored) {
            // the process was killed; what was read so far is the output
        }
    }

    private static String snapshot(ByteArrayOutputStream out) {
        synchronized (out) { return out.toString(StandardCharsets.UTF_8); }
    }
}
