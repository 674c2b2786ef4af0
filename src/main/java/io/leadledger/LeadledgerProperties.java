package io.leadledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The application's own settings, {@code leadledger.*} (application.properties, LEADLEDGER_* environment);
 * the tenant's settings are in jobs/ instead ({@link io.leadledger.jobs.KnownSettings}).
 */
@ConfigurationProperties("leadledger")
public record LeadledgerProperties(@DefaultValue Smtp smtp, @DefaultValue Reports reports,
                                   @Name("import") @DefaultValue Import imports, @DefaultValue Console console,
                                   @DefaultValue Api api) {

    /** The SMTP server (deliver.SmtpSettings checks and uses it). Its toString leaves the password out. */
    public record Smtp(String host, @DefaultValue("587") int port, @DefaultValue("starttls") String security,
                       String user, String password, String passwordFile, String from) {
        public Smtp {
            host = orEmpty(host);
            security = security == null ? "starttls" : security;
            user = orEmpty(user);
            password = orEmpty(password);
            passwordFile = orEmpty(passwordFile);
            from = orEmpty(from);
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                    + ", passwordFile=" + passwordFile + ", from=" + from + "]";
        }
    }

    /** @param threads report tasks run in parallel (at most report.ReportExecutor.MAX_THREADS) */
    public record Reports(@DefaultValue("2") int threads) {
    }

    /**
     * @param batchRows rows per staging transaction (a chunk of the import step): big enough that commits and
     *                  job-repository updates don't dominate (at 5,000 they took a fifth of a million-row
     *                  import), small enough for memory (a few MB per chunk)
     * @param threads   import partitions (source x file) run at once; a source's files still run in order
     */
    public record Import(@DefaultValue("20000") int batchRows, @DefaultValue("2") int threads) {
    }

    /**
     * The operations console's users: {@code users} as "name:role:bcrypt-hash" separated by commas or new lines,
     * and/or the same one a line in the file {@code usersFile} (console.ConsoleUsers reads them).
     */
    public record Console(String users, String usersFile) {
        public Console {
            users = orEmpty(users);
            usersFile = orEmpty(usersFile);
        }

        @Override
        public String toString() {
            return "Console[usersFile=" + usersFile + "]";
        }
    }

    /**
     * @param timeout      one HTTP call to a tool's API, connecting included
     * @param firstBackoff the wait before the first retry of a failed call (doubled each time), unless the
     *                     server says how long (Retry-After)
     * @param attempts     tries per call, the first included
     * @param marketoIdGap a full load of Marketo leads walks the lead ids upwards and stops after this many ids in a
     *                     row without a lead (Marketo cannot list all leads; ids are sequential, deleted ones leave
     *                     gaps)
     */
    public record Api(@DefaultValue("60s") java.time.Duration timeout, @DefaultValue("1s") java.time.Duration firstBackoff,
                      @DefaultValue("6") int attempts, @DefaultValue("30000") int marketoIdGap) {
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
