package io.leadledger.cli;

import io.leadledger.extract.SourceFormatException;
import io.leadledger.jobs.JobsConfigException;
import io.leadledger.ops.JobLockedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * An expected failure told in one line with what to do next, and the exit code it maps to (2: fix the
 * configuration, 1: the run could not be done now). Anything else is a bug: its class is named and the
 * trace goes to the log.
 */
public final class Failures {

    /** The sentence for the terminal and the exit code. */
    public record Told(int code, String line) {
    }

    private Failures() {
    }

    /**
     * @param dbUrl  the warehouse URL in use (null when unknown); printed without its query string (credentials
     *               can ride there), never with a password
     * @param dbUser the database user in use, or null
     */
    public static Told tell(Throwable t, String dbUrl, String dbUser) {
        Optional<Told> db = database(t, dbUrl, dbUser);
        if (db.isPresent()) {
            return db.get();
        }
        if (t instanceof JobLockedException) {
            return new Told(Console.FAILED, oneLine(t.getMessage()));
        }
        if (t instanceof JobsConfigException) { // complete in itself: the cause is Jackson's wording of the same
            return new Told(Console.USAGE, oneLine(t.getMessage()));
        }
        boolean config = t instanceof JobsConfigException || t instanceof SourceFormatException
                || t instanceof IllegalArgumentException || t instanceof IllegalStateException;
        return new Told(config ? Console.USAGE : Console.FAILED, oneLine(Console.message(t)));
    }

    /** Why the application could not start, when that is an expected failure: the database, or the daemon's port. */
    public static Optional<Told> atStart(Throwable t, String dbUrl, String dbUser) {
        Optional<Told> db = database(t, dbUrl, dbUser);
        if (db.isPresent()) {
            return db;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.springframework.boot.web.server.PortInUseException port) {
                return Optional.of(new Told(Console.FAILED, "port " + port.getPort() + " for health and metrics is in use "
                        + "(another 'leadledger schedule'?): stop it, or set LEADLEDGER_MANAGEMENT_PORT"));
            }
        }
        return Optional.empty();
    }

    /** The warehouse database could not be reached or refused us: what it said, where, and what to check. */
    static Optional<Told> database(Throwable t, String dbUrl, String dbUser) {
        SQLException sql = null;
        Throwable network = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s && sql == null) {
                sql = s;
            }
            if (c instanceof SQLException s && s.getSQLState() != null && !s.getSQLState().isEmpty()) {
                sql = s; // the innermost with a state says most
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof java.net.SocketTimeoutException) {
                network = c;
            }
        }
        if (sql == null && network == null) {
            return Optional.empty();
        }
        String where = where(dbUrl);
        String user = dbUser == null || dbUser.isEmpty() ? "" : " as '" + dbUser + "'";
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql == null ? 0 : sql.getErrorCode();
        if (state.equals("28000") || code == 1045 || code == 28000) {
            return Optional.of(new Told(Console.USAGE, "the warehouse database " + where + " refused the login" + user
                    + " (" + firstLine(sql.getMessage()) + "): check LEADLEDGER_DB_USER and LEADLEDGER_DB_PASSWORD"));
        }
        if (code == 1049) {
            return Optional.of(new Told(Console.USAGE, "the warehouse database " + where + " does not exist ("
                    + firstLine(sql.getMessage()) + "): create it (CHARACTER SET utf8mb4 COLLATE utf8mb4_bin) or fix LEADLEDGER_DB_URL"));
        }
        if (code == 90020) { // H2: the file is open in another process
            return Optional.of(new Told(Console.FAILED, "the H2 warehouse " + where + " is in use by another Leadledger "
                    + "process (the daemon?): stop it, or use MySQL/MariaDB to run commands alongside the daemon"));
        }
        if (network != null || state.startsWith("08")) {
            String why = network != null ? network.getClass().getSimpleName().replace("Exception", "")
                    + (network.getMessage() == null ? "" : ": " + firstLine(network.getMessage()))
                    : firstLine(sql.getMessage());
            return Optional.of(new Told(Console.FAILED, "cannot reach the warehouse database " + where + " (" + why
                    + "): is the server running, and is LEADLEDGER_DB_URL right?"));
        }
        return Optional.empty();
    }

    /** jdbc:mysql://db:3306/leadledger?password=x -> "db:3306/leadledger"; an H2 URL -> its file. */
    static String where(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        int semi = u.indexOf(';');
        if (semi >= 0) {
            u = u.substring(0, semi);
        }
        u = u.replaceFirst("^jdbc:(mysql|mariadb)://", "").replaceFirst("^jdbc:h2:(file:)?", "");
        u = u.replaceFirst("^[^/@]*@", ""); // user:password@host
        return "at " + u;
    }

    static String firstLine(String s) {
        return s == null ? "" : s.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** Messages that span lines (SQL drivers, YAML) joined into one. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
