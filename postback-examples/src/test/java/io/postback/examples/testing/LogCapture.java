package io.postback.examples.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line of the process while open: on the root logger and on every logger that
 * does not pass its lines on to the root (such as the demo's {@code postback} logger in the test
 * configuration). The library's and the demo's own loggers are opened to every level (a secret
 * must not appear even at TRACE); Jetty and the connection pool one level above what the demo
 * ships (INFO instead of WARN). The console stays quiet meanwhile; {@link #close()} restores all.
 */
public final class LogCapture implements AutoCloseable {

    private static final Map<String, Level> LEVELS = Map.of(
            Logger.ROOT_LOGGER_NAME, Level.INFO,
            "io.postback", Level.ALL,
            "postback", Level.ALL,
            "demo", Level.ALL,
            "org.eclipse.jetty", Level.INFO,
            "com.zaxxer.hikari", Level.INFO);

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
    private final Map<Logger, List<Appender<ILoggingEvent>>> muted = new LinkedHashMap<>();
    private int read;

    private LogCapture() {
        appender.setContext(context);
        appender.setName("log-capture");
        appender.start();
        LEVELS.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(level);
        });
        for (Logger logger : context.getLoggerList()) {
            if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
                List<Appender<ILoggingEvent>> own = new ArrayList<>();
                for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                    own.add(it.next());
                }
                own.forEach(logger::detachAppender);
                muted.put(logger, own);
                logger.addAppender(appender);
            }
        }
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every line captured so far, with the descriptions of attached exceptions and their causes. */
    public synchronized List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) { // the lock under which the appender adds
            events = List.copyOf(appender.list);
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events) {
            lines.add(text(event));
        }
        return lines;
    }

    /** The lines captured since the previous call. */
    public synchronized List<String> newLines() {
        List<String> all = lines();
        List<String> fresh = all.subList(read, all.size());
        read = all.size();
        return List.copyOf(fresh);
    }

    private static String text(ILoggingEvent event) {
        StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getFormattedMessage());
        appendThrowable(line, event.getThrowableProxy());
        return line.toString();
    }

    private static void appendThrowable(StringBuilder line, IThrowableProxy throwable) {
        if (throwable == null) {
            return;
        }
        line.append(" | ").append(throwable.getClassName()).append(": ").append(throwable.getMessage());
        for (IThrowableProxy suppressed : throwable.getSuppressed()) {
            appendThrowable(line, suppressed);
        }
        appendThrowable(line, throwable.getCause());
    }

    @Override
    public void close() {
        muted.forEach((logger, own) -> {
            logger.detachAppender(appender);
            own.forEach(logger::addAppender);
        });
        previousLevels.forEach(Logger::setLevel);
        appender.stop();
    }
}
