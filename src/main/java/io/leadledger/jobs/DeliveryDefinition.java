package io.leadledger.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the monthly reports reach people and who hears about problems: {@code alerts:} in leadledger.yml
 * (operations addresses for failed runs and held-back reports), {@code attachXlsx:} and
 * {@code maxSyncAgeHours:} in monthly-reports.yml. The SMTP server is not here: it comes from the
 * environment, so no password ever sits in jobs/.
 *
 * @param maxSyncAgeHours reports are held back from executives when the last successful sync is older
 */
public record DeliveryDefinition(List<String> alerts, boolean attachXlsx, int maxSyncAgeHours) {

    public static final int DEFAULT_MAX_SYNC_AGE_HOURS = 36;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public DeliveryDefinition {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    public static DeliveryDefinition defaults() {
        return new DeliveryDefinition(List.of(), false, DEFAULT_MAX_SYNC_AGE_HOURS);
    }

    static DeliveryDefinition load(Path dir) {
        Path tenantFile = dir.resolve("leadledger.yml");
        Path reportsFile = dir.resolve("monthly-reports.yml");
        List<String> alerts = addresses(read(tenantFile).get("alerts"), tenantFile, "alerts");
        Map<String, Object> reports = read(reportsFile);
        Object attach = reports.getOrDefault("attachXlsx", false);
        if (!(attach instanceof Boolean)) {
            throw new JobsConfigException(reportsFile + ": 'attachXlsx' must be true or false, not '" + attach + "'");
        }
        Object age = reports.getOrDefault("maxSyncAgeHours", DEFAULT_MAX_SYNC_AGE_HOURS);
        if (!(age instanceof Integer hours) || hours <= 0) {
            throw new JobsConfigException(reportsFile + ": 'maxSyncAgeHours' must be a whole number of hours above 0, not '"
                    + age + "'");
        }
        addresses(reports.get("recipients"), reportsFile, "recipients");
        return new DeliveryDefinition(alerts, (Boolean) attach, hours);
    }

    /** A list of e-mail addresses (a single string is accepted too); a typo fails the load, not the send. */
    private static List<String> addresses(Object value, Path file, String key) {
        if (value == null) {
            return List.of();
        }
        List<String> list = value instanceof String s ? List.of(s) : YAML.convertValue(value, new TypeReference<List<String>>() { });
        for (String a : list) {
            if (a == null || !a.matches("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+")) {
                throw new JobsConfigException(file + ": '" + key + "' has '" + a + "', which is not an e-mail address");
            }
        }
        return list;
    }

    private static Map<String, Object> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> m = YAML.readValue(file.toFile(), new TypeReference<>() { });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new JobsConfigException(file + " is not valid YAML: " + Workspace.oneLine(e), e);
        }
    }
}
