package io.leadledger.support;

import io.leadledger.LeadledgerApplication;
import io.leadledger.cli.LaunchSettings;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Test only: the command line of Leadledger, run as a child JVM that stops dead at a named point so a
 * test can kill it there (kill -9) deterministically. No hook is in the application itself.
 * <ul>
 *   <li>{@code -Dpause.at=sql:REGEX[#N]}: the N-th (default 1st) SQL statement the application prepares
 *   or executes whose text (whitespace collapsed) contains REGEX, before it reaches the database;</li>
 *   <li>{@code -Dpause.at=file:NAME}: the first write to a file whose path ends with NAME (the renderers
 *   write a temporary, then move it to NAME: the pause comes at that move, the temporary written).</li>
 * </ul>
 * At the point the process creates the file {@code -Dpause.signal} and sleeps until it is killed.
 */
public final class PausingLauncher {

    private static final String AT = System.getProperty("pause.at", "");
    private static final Path SIGNAL = Path.of(System.getProperty("pause.signal", "paused"));
    private static final AtomicInteger SEEN = new AtomicInteger();

    private PausingLauncher() {
    }

    public static void main(String[] args) {
        LaunchSettings.properties(args, System.getenv()).forEach(System::setProperty);
        SpringApplication app = new SpringApplication(LeadledgerApplication.class);
        if (AT.startsWith("sql:")) {
            app.addInitializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                    return bean instanceof DataSource ds && !(bean instanceof PausingDataSource) ? new PausingDataSource(ds) : bean;
                }
            }));
        } else if (AT.startsWith("file:")) {
            String name = AT.substring(5);
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission perm) {
                    // everything allowed: this manager only watches writes
                }

                @Override
                public void checkPermission(Permission perm, Object context) {
                }

                @Override
                public void checkWrite(String file) {
                    if (file.endsWith("/" + name) && SEEN.incrementAndGet() == 1) {
                        pause();
                    }
                }
            });
        }
        System.exit(SpringApplication.exit(app.run(args)));
    }

    static void pause() {
        try {
            Files.writeString(SIGNAL, AT + "\n");
            Thread.sleep(Long.MAX_VALUE);
        } catch (Exception e) {
            Runtime.getRuntime().halt(99);
        }
    }

    /** sql:REGEX#N parsed: the pattern and N. */
    private static final Pattern SQL;
    private static final int NTH;

    static {
        String spec = AT.startsWith("sql:") ? AT.substring(4) : "(?!)";
        int hash = spec.lastIndexOf('#');
        NTH = hash > 0 ? Integer.parseInt(spec.substring(hash + 1)) : 1;
        SQL = Pattern.compile(hash > 0 ? spec.substring(0, hash) : spec);
    }

    static void sql(String sql) {
        if (sql != null && SQL.matcher(sql.replaceAll("\\s+", " ")).find() && SEEN.incrementAndGet() == NTH) {
            pause();
        }
    }

    /** Sees every statement text on its way to the database. */
    static final class PausingDataSource extends DelegatingDataSource {

        PausingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return watch(super.getConnection(), Connection.class);
        }

        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            return watch(super.getConnection(user, password), Connection.class);
        }

        @SuppressWarnings("unchecked")
        private static <T> T watch(T target, Class<T> type) {
            return (T) Proxy.newProxyInstance(PausingLauncher.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
                if (a != null && a.length > 0 && a[0] instanceof String s && (m.getName().startsWith("prepare")
                        || m.getName().startsWith("execute") || m.getName().equals("addBatch"))) {
                    sql(s);
                }
                try {
                    Object r = m.invoke(target, a);
                    if (r instanceof Statement st && m.getName().equals("createStatement")) {
                        return watch(st, Statement.class);
                    }
                    return r;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }
}
