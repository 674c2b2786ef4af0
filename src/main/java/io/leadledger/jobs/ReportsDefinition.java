package io.leadledger.jobs;

import java.util.List;

/** The monthly reports job (jobs/monthly-reports.yml). */
public record ReportsDefinition(String job, String cron, String timezone, List<String> reports, List<String> formats,
                                String outDir, String paperSize, List<String> recipients) {
}
