package io.leadledger.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RabbitMQ server of remote partitioning, from {@code LEADLEDGER_RABBITMQ_*} (never from jobs/). The password
 * is {@code LEADLEDGER_RABBITMQ_PASSWORD} or the content of the file {@code LEADLEDGER_RABBITMQ_PASSWORD_FILE};
 * toString leaves it out.
 */
@ConfigurationProperties("leadledger.rabbitmq")
public record Broker(@DefaultValue("127.0.0.1") String host, @DefaultValue("5672") int port,
                     @DefaultValue("guest") String user, String password, String passwordFile,
                     @DefaultValue("/") String virtualHost) {

    public Broker {
        password = password == null ? "" : password;
        passwordFile = passwordFile == null ? "" : passwordFile;
    }

    /** The password to log in with: the file's first line when a file is named, else the variable, else guest's. */
    String secret() {
        if (!passwordFile.isBlank()) {
            try {
                String s = java.nio.file.Files.readString(java.nio.file.Path.of(passwordFile.strip())).strip();
                if (s.isEmpty()) {
                    throw new IllegalStateException("LEADLEDGER_RABBITMQ_PASSWORD_FILE names " + passwordFile.strip()
                            + ", which is empty");
                }
                return s.lines().findFirst().orElse("");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("LEADLEDGER_RABBITMQ_PASSWORD_FILE names " + passwordFile.strip()
                        + ", which cannot be read: " + e.getMessage());
            }
        }
        return password.isEmpty() && "guest".equals(user) ? "guest" : password;
    }

    /** Where, for messages: never the password. */
    public String where() {
        return "RabbitMQ at " + host + ":" + port + (virtualHost.equals("/") ? "" : " vhost " + virtualHost) + " as " + user;
    }

    @Override
    public String toString() {
        return "Broker[" + where() + ", passwordFile=" + passwordFile + "]";
    }
}
