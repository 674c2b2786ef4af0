package io.leadledger.ops;

import org.springframework.stereotype.Component;

import java.net.InetAddress;

/**
 * Who this process is in the warehouse's lock and lease columns ("host pid 42"), and whether such a
 * holder is a process of this host that no longer exists: a lock or lease it held can then be taken at
 * once (kill -9 leaves it behind). A holder on another host cannot be checked from here.
 */
@Component
public class HostProcess {

    private final String host;
    private final String self;

    public HostProcess() {
        this.host = hostName();
        this.self = host + " pid " + ProcessHandle.current().pid();
    }

    public String self() {
        return self;
    }

    /** True when {@code holder} (as {@link #self()}) names this host and a pid that is not running. */
    public boolean deadLocal(String holder) {
        int at = holder == null ? -1 : holder.lastIndexOf(" pid ");
        if (at < 0 || !holder.substring(0, at).equals(host)) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(at + 5).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
