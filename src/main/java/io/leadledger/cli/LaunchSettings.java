package io.leadledger.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings that must be known before Spring starts, taken from the command line and the environment:
 * the JSON log format (logging is set up first thing) and the web server, which only the daemon
 * ('schedule') and 'console' run, for the health and metrics endpoints and the operations console.
 */
public final class LaunchSettings {

    static final List<String> LOG_FORMATS = List.of("plain", "json", "ecs", "logstash", "gelf");

    private LaunchSettings() {
    }

    /** System properties to set for these arguments and environment. */
    public static Map<String, String> properties(String[] args, Map<String, String> env) {
        Map<String, String> props = new LinkedHashMap<>();
        String format = env.getOrDefault("LEADLEDGER_LOG_FORMAT", "");
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--log-format") && i + 1 < args.length) {
                format = args[++i];
            } else if (a.startsWith("--log-format=")) {
                format = a.substring("--log-format=".length());
            } else if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        String structured = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json", "ecs" -> "ecs";
            case "logstash" -> "logstash";
            case "gelf" -> "gelf";
            default -> null;
        };
        if (structured != null) {
            props.put("logging.structured.format.console", structured);
        }
        if ("schedule".equals(command)
                || "console".equals(command) && java.util.Arrays.stream(args).noneMatch(a -> a.equals("hash-password"))) {
            props.put("spring.main.web-application-type", "servlet");
        }
        return props;
    }
}
