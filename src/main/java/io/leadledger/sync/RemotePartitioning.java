package io.leadledger.sync;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether the import's partitions run here ({@code leadledger.partitioning=local}, the default: nothing needs a
 * broker) or on {@code leadledger worker} processes ({@code remote}), and the broker connection for the latter, made
 * on first use only.
 */
@Component
public class RemotePartitioning implements DisposableBean {

    private final String mode;
    private final Broker broker;
    private final RemoteSettings settings;
    private final String databaseUrl;
    private CachingConnectionFactory connections;

    public RemotePartitioning(@Value("${leadledger.partitioning:local}") String mode, Broker broker,
                              RemoteSettings settings, @Value("${spring.datasource.url:}") String databaseUrl) {
        this.mode = mode == null ? "local" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        this.broker = broker;
        this.settings = settings;
        this.databaseUrl = databaseUrl;
    }

    /**
     * True when the manager sends its partitions to workers (on a database they can share); refuses a setting it does
     * not know.
     */
    public boolean remote() {
        return switch (mode) {
            case "local", "" -> false;
            case "remote" -> {
                requireSharedDatabase();
                yield true;
            }
            default -> throw new io.leadledger.jobs.JobsConfigException("leadledger.partitioning (LEADLEDGER_PARTITIONING) is '"
                    + mode + "': local or remote");
        };
    }

    /**
     * Workers and the manager share the job repository and the warehouse: an embedded H2 file belongs to one process.
     */
    public void requireSharedDatabase() {
        if (databaseUrl.startsWith("jdbc:h2:")) {
            throw new io.leadledger.jobs.JobsConfigException("remote partitioning needs the warehouse on MySQL or MariaDB, "
                    + "which the manager and every worker share (LEADLEDGER_DB_URL); the embedded H2 file belongs to one process");
        }
    }

    public RemoteSettings settings() {
        return settings;
    }

    public Broker broker() {
        return broker;
    }

    synchronized CachingConnectionFactory connections() {
        if (connections == null) {
            CachingConnectionFactory f = new CachingConnectionFactory(broker.host(), broker.port());
            f.setUsername(broker.user());
            f.setPassword(broker.secret());
            f.setVirtualHost(broker.virtualHost());
            f.setConnectionNameStrategy(cf -> "leadledger");
            connections = f;
        }
        return connections;
    }

    /** The queue, durable, declared by whichever side comes first (the declaration is idempotent). */
    void declareQueue() {
        new RabbitAdmin(connections()).declareQueue(new Queue(settings.queue(), true));
    }

    RabbitTemplate template() {
        RabbitTemplate t = new RabbitTemplate(connections());
        t.setRoutingKey(settings.queue());
        return t;
    }

    @Override
    public synchronized void destroy() {
        if (connections != null) {
            connections.destroy();
        }
    }
}
