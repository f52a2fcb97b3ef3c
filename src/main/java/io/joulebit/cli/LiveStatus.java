package io.joulebit.cli;

import io.joulebit.run.RunSnapshot;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints the status line at most once a second: redrawn in place on a terminal, one line every 5 s otherwise
 * (a log file should not get 60 lines a minute).
 */
final class LiveStatus implements AutoCloseable {
    private final ScheduledExecutorService exec;
    private final PrintWriter out;
    private final boolean tty;

    private LiveStatus(ScheduledExecutorService exec, PrintWriter out, boolean tty) {
        this.exec = exec;
        this.out = out;
        this.tty = tty;
    }

    static LiveStatus start(PrintWriter out, Supplier<RunSnapshot> latest) {
        boolean tty = System.console() != null;
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "joulebit-status");
            t.setDaemon(true);
            return t;
        });
        long period = tty ? 1 : 5;
        exec.scheduleAtFixedRate(() -> {
            String line = StatusLine.of(latest.get());
            if (tty) out.print("\r\033[K" + line);
            else out.println(line);
            out.flush();
        }, period, period, TimeUnit.SECONDS);
        return new LiveStatus(exec, out, tty);
    }

    @Override
    public void close() {
        exec.shutdownNow();
        if (tty) out.println();
        out.flush();
    }
}
