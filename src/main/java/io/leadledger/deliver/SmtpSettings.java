package io.leadledger.deliver;

import io.leadledger.LeadledgerProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The SMTP server, from the environment (LEADLEDGER_SMTP_*) or leadledger.smtp.* properties, never from
 * jobs/. The password comes from LEADLEDGER_SMTP_PASSWORD or a file named by LEADLEDGER_SMTP_PASSWORD_FILE
 * (systemd credentials, Kubernetes secrets); toString() leaves it out so it cannot end up in a log.
 *
 * @param security starttls (port 587, required), tls (implicit TLS, port 465) or none
 */
@Component
public class SmtpSettings {

    private final String host;
    private final int port;
    private final String security;
    private final String user;
    private final String password;
    private final String passwordFile;
    private final String from;

    @Autowired
    public SmtpSettings(LeadledgerProperties properties) {
        this(properties.smtp().host(), properties.smtp().port(), properties.smtp().security(), properties.smtp().user(),
                properties.smtp().password(), properties.smtp().passwordFile(), properties.smtp().from());
    }

    public SmtpSettings(String host, int port, String security, String user, String password, String passwordFile,
                        String from) {
        this.host = host.trim();
        this.port = port;
        this.security = security.trim().toLowerCase(Locale.ROOT);
        if (!this.security.equals("starttls") && !this.security.equals("tls") && !this.security.equals("none")) {
            throw new IllegalArgumentException("LEADLEDGER_SMTP_SECURITY must be starttls, tls or none, not '" + security + "'");
        }
        this.user = user.trim();
        this.password = password;
        this.passwordFile = passwordFile.trim();
        this.from = from.trim();
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String security() {
        return security;
    }

    public String user() {
        return user;
    }

    /** Read when a message is sent, so a rotated password file is picked up without a restart. */
    String password() {
        if (!passwordFile.isEmpty()) {
            try {
                return Files.readString(Path.of(passwordFile)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read LEADLEDGER_SMTP_PASSWORD_FILE " + passwordFile, e);
            }
        }
        return password;
    }

    public String from() {
        if (!from.isEmpty()) {
            return from;
        }
        return user.contains("@") ? user : "leadledger@localhost";
    }

    @Override
    public String toString() {
        return configured() ? host + ":" + port + " (" + security + (user.isEmpty() ? "" : ", user " + user) + ")"
                : "(no SMTP server configured: set LEADLEDGER_SMTP_HOST)";
    }
}
