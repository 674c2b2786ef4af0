package io.leadledger.sync;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "broker", only with remote partitioning: DOWN when the manager cannot reach RabbitMQ (its
 * partitions would fail, not sent); else UP with the partitions waiting in the queue and the workers listening on
 * it, so an operator sees before the night that no worker is running. Never the password.
 */
@Component("broker")
@ConditionalOnProperty(name = "leadledger.partitioning", havingValue = "remote")
public class BrokerHealth implements HealthIndicator {

    private final RemotePartitioning remote;

    public BrokerHealth(RemotePartitioning remote) {
        this.remote = remote;
    }

    @Override
    public Health health() {
        String where = remote.broker().where();
        String queue = remote.settings().queue();
        try {
            remote.declareQueue();
            QueueInformation q = new RabbitAdmin(remote.connections()).getQueueInfo(queue);
            return Health.up().withDetail("broker", where).withDetail("queue", queue)
                    .withDetail("partitionsWaiting", q == null ? 0 : q.getMessageCount())
                    .withDetail("workersListening", q == null ? 0 : q.getConsumerCount()).build();
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return Health.down().withDetail("broker", where).withDetail("queue", queue)
                    .withDetail("error", String.valueOf(t.getMessage())).build();
        }
    }
}
