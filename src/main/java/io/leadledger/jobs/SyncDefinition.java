package io.leadledger.jobs;

import java.util.List;

/** The nightly sync job (jobs/nightly-sync.yml). fxFile is a glob of ECB reference-rate CSVs. */
public record SyncDefinition(String job, String cron, String timezone, String fxFile, List<SourceDefinition> sources) {
}
