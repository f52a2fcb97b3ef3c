package io.joulebit.cli;

import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * joulebit's logging: SLF4J's simple provider, set up by system properties before SLF4J starts. Logs go to stderr
 * (stdout belongs to command output: calc JSON, replay-log events) as {@code HH:mm:ss.SSS LEVEL logger - message},
 * root level from $JOULEBIT_LOG_LEVEL (default info), DJL and OSHI at warn. An {@code org.slf4j.simpleLogger.*}
 * property of the user's own is left alone and wins (a simplelogger.properties file sets only what these leave).
 * Not logback: its start loaded ~150 classes of its own and, through its class-loader permission check, the JDK's
 * policy files; without it `run` holds ~195 classes and ~2 MB of RSS less (bench/README.md).
 * The binding is optional in the POM: a JVM that embeds joulebit keeps its own.
 */
final class LogSetup {
    private static final String P = "org.slf4j.simpleLogger.";

    private LogSetup() {}

    /**
     * Sets the defaults; call before the first logger is asked for (Main does, first thing). It looks for no
     * simplelogger.properties itself: a resource the classpath lacks opens every jar on it (~90 ms on `run`'s main
     * thread, -Xlog:class+load), where SLF4J's own look-up does that on the logging thread.
     */
    static void defaults() {
        String level = System.getenv("JOULEBIT_LOG_LEVEL");
        Map.of(P + "logFile", "System.err",
                P + "defaultLogLevel", level == null || level.isBlank() ? "info" : level.trim().toLowerCase(),
                P + "showDateTime", "true",
                P + "dateTimeFormat", "HH:mm:ss.SSS",
                P + "showThreadName", "false",
                P + "log.ai.djl", "warn",
                P + "log.oshi", "warn",
                // DJL warns "Failed to detect GPU count" on every CPU-only machine: not news.
                P + "log.ai.djl.util.cuda.CudaUtils", "error")
                .forEach((k, v) -> {
                    if (System.getProperty(k) == null) System.setProperty(k, v);
                });
    }

    /**
     * Starts SLF4J on a thread of its own while the caller reads its config and binds /metrics, then runs
     * {@code then} there: `run` serves sooner on two cores. A logger asked for meanwhile is SLF4J's substitute,
     * which takes over the real one when the start completes.
     */
    static void startInBackground(Runnable then) {
        Thread t = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            then.run();
        }, "joulebit-logging");
        t.setDaemon(true);
        t.start();
    }
}
