package io.leadledger.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Work over several machines ({@code leadledger.partitioning=remote}): the import's partitions go to {@code leadledger
 * worker} processes through a RabbitMQ queue; the manager reads their outcome from the shared job repository.
 *
 * @param queue        the durable queue the manager sends partitions to and the workers take them from; one per
 *                     installation (two installations on one broker need two names)
 * @param stallTimeout a partition a worker started whose heartbeat and record in the job repository have not moved
 *                     for this long is lost (its worker was killed or cut off): the manager fails it and names it,
 *                     and {@code restart} sends it again
 * @param startTimeout a partition no worker has taken for this long fails (no worker running?)
 * @param pollInterval how often the manager reads its partitions' state from the job repository
 * @param heartbeat    how often a worker counts up the heartbeat of each partition it runs (far below the stall
 *                     timeout: a reconcile commits nothing until it ends)
 */
@ConfigurationProperties("leadledger.remote")
public record RemoteSettings(@DefaultValue("leadledger.partitions") String queue,
                             @DefaultValue("10m") Duration stallTimeout,
                             @DefaultValue("30m") Duration startTimeout,
                             @DefaultValue("1s") Duration pollInterval,
                             @DefaultValue("10s") Duration heartbeat) {
}
