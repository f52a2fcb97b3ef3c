package io.joulebit.power.nvidiasmi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command once with a hard time limit: waitFor(timeout), then destroyForcibly the whole tree. */
final class BoundedCommand {
    private static final int MAX_OUTPUT = 64 * 1024;

    /** stdout and stderr together (capped), the exit code (-1 when killed) and whether the limit was hit. */
    record Result(int exitCode, String output, boolean timedOut) {
        String firstLine() {
            String s = output.strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl).strip();
        }
    }

    private BoundedCommand() {}

    /** @throws IOException when the program cannot be started at all (not found, not executable) */
    static Result run(List<String> argv, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(p.getInputStream(), buf), "bounded-command-reader");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            ProcessTrees.killTree(p);
        }
        try {
            reader.join(1000); // the pipe closes once the tree is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String out;
        synchronized (buf) {
            out = buf.toString(StandardCharsets.UTF_8);
        }
        return new Result(finished ? p.exitValue() : -1, out, !finished);
    }

    private static void drain(InputStream in, ByteArrayOutputStream buf) {
        byte[] chunk = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buf) {
                    if (buf.size() < MAX_OUTPUT) {
                        buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                    }
                }
            }
        } catch (IOException e) {
            // process killed or pipe closed: keep what was read
        }
    }
}
