package io.leadledger.ops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The daemon's health details (the tenant, the working directory of the disk-space check, the database
 * product, the freshness reasons) are for the machine's own operators. They are shown to anyone when the
 * management endpoints listen on a loopback address (the default, 127.0.0.1); when the address is opened beyond
 * it, only to a user logged in to the operations console (console.ConsoleSecurity), never to anonymous callers,
 * whatever else says so. The status (UP, or OUT_OF_SERVICE with HTTP 503) is served either way, for monitoring.
 */
public class HealthDetailsExposure implements EnvironmentPostProcessor {

    static final String SHOW_DETAILS = "management.endpoint.health.show-details";
    static final String SHOW_COMPONENTS = "management.endpoint.health.show-components";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String address = env.getProperty("management.server.address", env.getProperty("server.address", ""));
        if (isLoopback(address)) {
            // a default: an explicit setting (e.g. never) still wins
            env.getPropertySources().addLast(new MapPropertySource("leadledger-health-local",
                    Map.of(SHOW_DETAILS, "always", SHOW_COMPONENTS, "always")));
        } else {
            // opened beyond this machine: details only for a user logged in to the console, whatever else says so
            env.getPropertySources().addFirst(new MapPropertySource("leadledger-health-open",
                    Map.of(SHOW_DETAILS, "when-authorized", SHOW_COMPONENTS, "when-authorized")));
        }
    }

    /** No address (all interfaces), 0.0.0.0 and any name that is not a loopback address are open. */
    public static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(address.trim())) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
