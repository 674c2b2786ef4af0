package io.leadledger.jobs;

import java.util.List;

/**
 * The nightly sync job (jobs/nightly-sync.yml). fxFile is a glob of ECB reference-rate CSVs. followSymlinks:
 * whether a file glob follows symbolic links that lead outside the folder it names (default no).
 */
public record SyncDefinition(String job, String cron, String timezone, String fxFile, List<SourceDefinition> sources,
                             boolean followSymlinks) {

    public SyncDefinition(String job, String cron, String timezone, String fxFile, List<SourceDefinition> sources) {
        this(job, cron, timezone, fxFile, sources, false);
    }
}
