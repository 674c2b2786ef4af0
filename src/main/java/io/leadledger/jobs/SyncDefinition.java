package io.leadledger.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nightly sync job (jobs/nightly-sync.yml). fxFile is a glob of ECB reference-rate CSVs. followSymlinks:
 * whether a file glob follows symbolic links that lead outside the folder it names (default no).
 */
public record SyncDefinition(String job, String cron, String timezone, String fxFile, List<SourceDefinition> sources,
                             boolean followSymlinks) {

    public SyncDefinition(String job, String cron, String timezone, String fxFile, List<SourceDefinition> sources) {
        this(job, cron, timezone, fxFile, sources, false);
    }

    public SyncDefinition {
        if (sources != null) {
            for (SourceDefinition s : sources) {
                List<String> refs = s.mapping() == null ? null : s.mapping().leadRefSources();
                if (refs == null) {
                    continue;
                }
                for (String ref : refs) {
                    boolean leads = sources.stream().anyMatch(o -> o.name().equals(ref) && o.kind() == SourceKind.LEADS);
                    if (!leads) {
                        // a touches source sets it as 'people:'
                        String key = s.kind() == SourceKind.TOUCHES ? "people" : "leadRefSources";
                        throw new JobsConfigException("nightly-sync.yml source '" + s.name() + "': " + key + " names '"
                                + ref + "', which is not a leads source of this file");
                    }
                }
            }
        }
    }

    /**
     * For each deals source whose lead reference is scoped: the lead sources its ids point into. Its own
     * leadRefSources, else every leads source read with the profile its leadRefProfile names (a built-in deal
     * profile knows the vendor's lead profile, not the tenant's source names). A deals source missing here
     * is unscoped: its id may be any lead source's, and an id found in several is ambiguous.
     */
    public Map<String, List<String>> leadRefScopes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SourceDefinition s : sources) {
            // a touches source's person ids are scoped the same way as a deals source's lead references
            if (s.kind() != SourceKind.DEALS && s.kind() != SourceKind.TOUCHES) {
                continue;
            }
            List<String> scope = s.mapping().leadRefSources();
            if (scope == null && s.mapping().leadRefProfile() != null) {
                List<String> byProfile = new ArrayList<>();
                for (SourceDefinition l : sources) {
                    if (l.kind() == SourceKind.LEADS && s.mapping().leadRefProfile().equals(l.mapping().name())) {
                        byProfile.add(l.name());
                    }
                }
                scope = byProfile.isEmpty() ? null : byProfile;
            }
            if (scope != null && !scope.isEmpty()) {
                out.put(s.name(), List.copyOf(scope));
            }
        }
        return out;
    }
}
