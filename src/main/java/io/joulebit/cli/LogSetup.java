package io.joulebit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * joulebit's logging, set up in code rather than from a logback.xml: logback's XML configuration loads ~600 classes
 * (its Joran model and the JDK's XML parser) and was the largest single step before `run` could serve /metrics
 * (bench/README.md, "Serve first"). Logs go to stderr (stdout belongs to command output: calc JSON, replay-log
 * events), pattern {@code HH:mm:ss.SSS LEVEL logger - message}, root level from $JOULEBIT_LOG_LEVEL (default INFO),
 * DJL and OSHI at WARN. A configuration of the user's own (-Dlogback.configurationFile, or a logback.xml or
 * logback-test.xml on the classpath, as in a JVM that embeds joulebit) is left to logback and wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /**
     * Starts SLF4J and logback (~0.1 s: the provider look-up opens every jar, then ~300 classes) on a thread of their
     * own while the caller reads its config and binds /metrics, then runs {@code then} there: `run` serves sooner on
     * two cores. A logger asked for meanwhile is SLF4J's substitute, which takes over the real one when the start
     * completes.
     */
    static void startInBackground(Runnable then) {
        Thread t = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            then.run();
        }, "joulebit-logging");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        ClassLoader cl = LogSetup.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || cl.getResource("logback-test.xml") != null
                || cl.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ctx.getLogger("ai.djl").setLevel(Level.WARN);
        ctx.getLogger("oshi").setLevel(Level.WARN);
        // DJL warns "Failed to detect GPU count" on every CPU-only machine: not news.
        ctx.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("JOULEBIT_LOG_LEVEL"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
