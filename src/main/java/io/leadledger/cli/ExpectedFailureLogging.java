package io.leadledger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * Libraries log an expected failure at ERROR with its stack trace (Spring Batch a failed step, Hikari a database
 * it cannot log in to, Spring Boot a context that did not start) before Leadledger says the same in one line on
 * stderr. Those log events are written at DEBUG instead: the trace stays available
 * ({@code --logging.level.org.springframework=DEBUG}, or the JSON log), and the terminal shows one sentence.
 * Registered in META-INF/spring.factories, after Spring Boot has set up logging (which resets the filters).
 */
public class ExpectedFailureLogging implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Logger name (prefix) and the start of the message each demoted event has. */
    record Demoted(String logger, String message) {
        boolean matches(String name, String format) {
            return name.startsWith(logger) && format != null && format.contains(message);
        }
    }

    static final List<Demoted> DEMOTED = List.of(
            new Demoted("org.springframework.batch.core.step.AbstractStep", "Encountered an error executing step"),
            new Demoted("com.zaxxer.hikari.pool.HikariPool", "{} - Exception during pool initialization"),
            new Demoted("org.springframework.boot.SpringApplication", "Application run failed"),
            new Demoted("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", ""),
            new Demoted("org.springframework.", "Exception encountered during context initialization"));

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(f -> f instanceof Demote)) {
            Demote demote = new Demote();
            demote.setContext(context);
            demote.start();
            context.addTurboFilter(demote);
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Turns a matching WARN or ERROR event into the same event at DEBUG. */
    static final class Demote extends TurboFilter {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (level == null || !level.isGreaterOrEqual(Level.WARN)
                    || DEMOTED.stream().noneMatch(d -> d.matches(logger.getName(), format))) {
                return FilterReply.NEUTRAL;
            }
            if (logger.isDebugEnabled()) {
                if (t != null) {
                    Object[] withThrowable = params == null ? new Object[] {t} : append(params, t);
                    logger.debug(marker, format, withThrowable);
                } else {
                    logger.debug(marker, format, params);
                }
            }
            return FilterReply.DENY;
        }

        private static Object[] append(Object[] params, Throwable t) {
            Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
            all[params.length] = t;
            return all;
        }
    }
}
