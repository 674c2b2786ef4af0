package io.leadledger.sync;

import io.leadledger.support.CliDriver;
import io.leadledger.support.OpsTenant;
import io.leadledger.support.TestWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The settings and the message of remote partitioning, without a broker. */
class RemoteSettingsTest {

    @TempDir
    Path tmp;

    @Test
    void aMessageCarriesIdsOnlyAsJsonText() {
        Message m = PartitionMessage.of(new StepExecutionRequest("import", 42L), 7L);
        String body = new String(m.getBody(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"stepName\":\"import\",\"stepExecutionId\":42,\"jobExecutionId\":7}");
        assertThat(m.getMessageProperties().getContentType()).isEqualTo("application/json");
        StepExecutionRequest back = PartitionMessage.request(m);
        assertThat(back.getStepName()).isEqualTo("import");
        assertThat(back.getStepExecutionId()).isEqualTo(42L);
        assertThatThrownBy(() -> PartitionMessage.request(new Message("rO0ABXNy".getBytes(StandardCharsets.UTF_8),
                new MessageProperties()))).hasMessageContaining("not a partition request: rO0ABXNy");
    }

    @Test
    void theBrokerPasswordComesFromItsFileAndIsNeverPrinted() throws Exception {
        Path secret = tmp.resolve("rabbit");
        Files.writeString(secret, "s3cret-from-file\n");
        Broker b = new Broker("mq.internal", 5672, "leadledger", "", secret.toString(), "/");
        assertThat(b.secret()).isEqualTo("s3cret-from-file");
        assertThat(b.toString()).doesNotContain("s3cret");
        Broker inline = new Broker("mq.internal", 5672, "leadledger", "inline-pw", null, "agency");
        assertThat(inline.secret()).isEqualTo("inline-pw");
        assertThat(inline.toString() + inline.where()).doesNotContain("inline-pw").contains("vhost agency");
        assertThat(new Broker("127.0.0.1", 5672, "guest", null, null, "/").secret()).isEqualTo("guest");
        Files.writeString(secret, "");
        assertThatThrownBy(b::secret).hasMessageContaining("LEADLEDGER_RABBITMQ_PASSWORD_FILE names " + secret + ", which is empty");
    }

    /** The embedded H2 file belongs to one process: remote partitioning says so before anything runs. */
    @Test
    void remotePartitioningRefusesTheEmbeddedDatabase() throws Exception {
        Path jobs = OpsTenant.write(tmp.resolve("t"), "h2-remote", "");
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("db"), null, "--leadledger.partitioning=remote")) {
            CliDriver.Result run = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
            assertEquals(2, run.code(), run::toString);
            assertThat(run.err()).contains("remote partitioning needs the warehouse on MySQL or MariaDB");
            CliDriver.Result worker = CliDriver.run(w, "worker");
            assertEquals(2, worker.code(), worker::toString);
            assertThat(worker.err()).contains("remote partitioning needs the warehouse on MySQL or MariaDB");
        }
        try (TestWarehouse w = TestWarehouse.h2(tmp.resolve("db2"), null, "--leadledger.partitioning=remot")) {
            CliDriver.Result run = CliDriver.run(w, "run", "nightly-sync", "--jobs", jobs.toString());
            assertEquals(2, run.code(), run::toString);
            assertThat(run.err()).contains("leadledger.partitioning (LEADLEDGER_PARTITIONING) is 'remot': local or remote");
        }
    }
}
