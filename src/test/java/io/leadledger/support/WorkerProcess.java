package io.leadledger.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A `leadledger worker` in a JVM of its own on a test warehouse, as on another machine: started, read, killed. */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a worker on the warehouse and queue, with extra properties ("key=value"), and waits until it listens. */
    public static WorkerProcess start(TestWarehouse w, String queue, Path log, String... properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "-Dspring.datasource.url=" + w.url(), "-Dspring.datasource.username=" + TestWarehouse.MARIADB_USER,
                "-Dspring.datasource.password=" + TestWarehouse.MARIADB_PASSWORD, "-Dleadledger.remote.queue=" + queue,
                // the tests' managers give up on a silent partition after a few seconds
                "-Dleadledger.remote.heartbeat=1s"));
        for (String p : properties) {
            cmd.add("-D" + p);
        }
        cmd.add("io.leadledger.LeadledgerApplication");
        cmd.add("worker");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WorkerProcess worker = new WorkerProcess(p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!worker.log().contains("leadledger worker: queue")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("the worker did not start:\n" + worker.log());
            }
            Thread.sleep(100);
        }
        return worker;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL: no shutdown hook, no finally, nothing finished. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the worker finishes what it runs
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
