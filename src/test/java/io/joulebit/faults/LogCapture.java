package io.joulebit.faults;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Captures what one logger (and its children) logs while open, so a test can assert "one WARN, then quiet". */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG); // DEBUG repeats are captured too, so "only one WARN" means something
        appender.setName("fault-capture-" + name);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture on(Class<?> type) { return new LogCapture(type.getName()); }

    static LogCapture named(String logger) { return new LogCapture(logger); }

    static LogCapture root() { return new LogCapture(Logger.ROOT_LOGGER_NAME); }

    List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend appends under this lock
            return new ArrayList<>(appender.list);
        }
    }

    List<String> messages(Level level) {
        return events().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Messages at {@code level} that contain {@code fragment}. */
    List<String> messages(Level level, String fragment) {
        return messages(level).stream().filter(m -> m.contains(fragment)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
