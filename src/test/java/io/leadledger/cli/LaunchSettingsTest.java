package io.leadledger.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LaunchSettingsTest {

    @Test
    void jsonLogsFromTheOptionOrTheEnvironmentAndAWebServerForTheDaemonOnly() {
        assertEquals(Map.of("logging.structured.format.console", "ecs", "spring.main.web-application-type", "servlet"),
                LaunchSettings.properties(new String[] {"schedule", "--log-format", "json"}, Map.of()));
        assertEquals(Map.of("logging.structured.format.console", "ecs"),
                LaunchSettings.properties(new String[] {"--log-format=json", "run", "nightly-sync"}, Map.of()));
        assertEquals(Map.of("logging.structured.format.console", "logstash"),
                LaunchSettings.properties(new String[] {"history"}, Map.of("LEADLEDGER_LOG_FORMAT", "logstash")));
        assertEquals(Map.of(), LaunchSettings.properties(new String[] {"run", "schedule", "--log-format", "plain"},
                Map.of("LEADLEDGER_LOG_FORMAT", "json")), "the option wins; 'schedule' as a job name is no daemon");
    }

    @Test
    void theConsoleServesPagesButHashingAPasswordStartsNoWebServer() {
        assertEquals(Map.of("spring.main.web-application-type", "servlet"),
                LaunchSettings.properties(new String[] {"console", "--jobs", "jobs"}, Map.of()));
        assertEquals(Map.of(), LaunchSettings.properties(new String[] {"console", "hash-password"}, Map.of()));
    }
}
