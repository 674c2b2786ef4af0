package io.leadledger;

import io.leadledger.cli.Failures;
import io.leadledger.cli.LaunchSettings;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.concurrent.atomic.AtomicReference;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadledgerApplication {
    public static void main(String[] args) {
        // system properties outrank application.properties: JSON logs, and a web server for 'schedule' only
        LaunchSettings.properties(args, System.getenv()).forEach(System::setProperty);
        SpringApplication app = new SpringApplication(LeadledgerApplication.class);
        AtomicReference<Environment> failedIn = new AtomicReference<>();
        app.addListeners((ApplicationFailedEvent e) -> {
            if (e.getApplicationContext() != null) {
                failedIn.set(e.getApplicationContext().getEnvironment());
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = app.run(args);
        } catch (RuntimeException e) {
            System.exit(startFailed(e, failedIn.get()));
            return;
        }
        System.exit(SpringApplication.exit(context));
    }

    /**
     * The application did not start: the warehouse refused the login or cannot be reached is said in one line
     * (exit 2 or 1; the trace is in the log at DEBUG); anything else is a bug and shows its trace.
     */
    private static int startFailed(RuntimeException e, Environment env) {
        String url = env == null ? null : env.getProperty("spring.datasource.url");
        String user = env == null ? null : env.getProperty("spring.datasource.username");
        LoggerFactory.getLogger(LeadledgerApplication.class).debug("start failed", e);
        var told = Failures.atStart(e, url, user);
        if (told.isPresent()) {
            System.err.println("error: " + told.get().line());
            return told.get().code();
        }
        System.err.println("error: Leadledger could not start: " + e);
        e.printStackTrace();
        return 1;
    }
}
