package io.leadledger.jobs;

import java.nio.file.Path;

/**
 * One source of the nightly sync as configured in jobs/: a name (unique per tenant), the files to read
 * (a glob relative to the working directory) and the effective mapping (profile + overrides).
 * stagingFollowsFiles: staging keeps only the rows the source's current files provide (a full export each
 * night) instead of every row ever delivered (incremental exports, the default).
 * api: read from a tool's API instead (files is then null).
 */
public record SourceDefinition(String name, SourceKind kind, String files, MappingProfile mapping,
                               boolean stagingFollowsFiles, ApiSettings api) {

    public SourceDefinition(String name, SourceKind kind, String files, MappingProfile mapping) {
        this(name, kind, files, mapping, false, null);
    }

    public SourceDefinition(String name, SourceKind kind, String files, MappingProfile mapping,
                            boolean stagingFollowsFiles) {
        this(name, kind, files, mapping, stagingFollowsFiles, null);
    }

    /** Read from a tool's API (api:), not from files. */
    public boolean isApi() {
        return api != null;
    }

    public boolean isXlsx(Path file) {
        String format = mapping.format();
        if (format != null && !format.isBlank()) {
            return format.equalsIgnoreCase("xlsx");
        }
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".xlsx") || n.endsWith(".xlsm");
    }
}
