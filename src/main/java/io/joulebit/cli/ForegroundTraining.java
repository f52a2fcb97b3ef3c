package io.joulebit.cli;

import io.joulebit.run.RunSnapshot;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * A demo's training in the foreground: the live status line while it runs, and Ctrl-C (a shutdown hook) asks it to
 * stop after its current step, so the agent still closes and the summary still prints.
 */
final class ForegroundTraining {
    private ForegroundTraining() {}

    static void run(PrintWriter err, Supplier<RunSnapshot> latest, Runnable stop, Runnable train) {
        Thread stopper = new Thread(stop, "joulebit-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try (LiveStatus status = LiveStatus.start(err, latest)) {
            train.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
    }
}
