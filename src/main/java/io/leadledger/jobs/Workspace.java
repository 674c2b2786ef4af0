package io.leadledger.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.core.NestedExceptionUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything operations configure, read from the jobs directory:
 * leadledger.yml (tenant), nightly-sync.yml (sources), monthly-reports.yml (reports) and optional
 * profiles/*.yml (mapping profiles that add to or replace the built-in ones).
 */
public record Workspace(Path dir, TenantSettings tenant, SyncDefinition sync, ReportsDefinition reports,
                        DeliveryDefinition delivery) {

    public Workspace(Path dir, TenantSettings tenant, SyncDefinition sync, ReportsDefinition reports) {
        this(dir, tenant, sync, reports, DeliveryDefinition.defaults());
    }

    /**
     * This workspace with every source file (and the FX file) looked up by its file name in {@code input}
     * instead of where jobs/ says: the demo writes its sample files to a directory of the user's choosing.
     */
    public Workspace withSourcesIn(Path input) {
        var sources = sync.sources().stream().map(d -> new SourceDefinition(d.name(), d.kind(),
                d.isApi() ? null : input.resolve(Path.of(d.files()).getFileName()).toString(), d.mapping(),
                d.stagingFollowsFiles(), d.api())).toList();
        String fx = sync.fxFile() == null ? null : input.resolve(Path.of(sync.fxFile()).getFileName()).toString();
        return new Workspace(dir, tenant, new SyncDefinition(sync.job(), sync.cron(), sync.timezone(), fx, sources,
                sync.followSymlinks()), reports, delivery);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Set<String> SOURCE_KEYS = Set.of("name", "profile", "files", "stagingFollowsFiles", "api", "people");

    public static Workspace load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JobsConfigException("jobs directory " + dir.toAbsolutePath() + " does not exist (use --jobs DIR)");
        }
        Map<String, Object> tenantFile = readMap(dir.resolve("leadledger.yml"), true);
        KnownSettings.check(tenantFile, KnownSettings.LEADLEDGER, dir.resolve("leadledger.yml"), "");
        if (!(tenantFile.get("tenant") instanceof Map<?, ?>)) {
            throw new JobsConfigException(dir.resolve("leadledger.yml") + ": 'tenant:' with at least 'id:' is required");
        }
        TenantSettings tenant = section(tenantFile.get("tenant"), TenantSettings.class, dir.resolve("leadledger.yml"), "tenant");
        if (tenantFile.get("channels") != null) {
            Map<String, String> channels = convert(tenantFile.get("channels"), new TypeReference<>() { },
                    dir.resolve("leadledger.yml"), "channels");
            tenant = new TenantSettings(tenant.id(), tenant.name(), tenant.reportingCurrency(), tenant.timezone(),
                    tenant.neverTouchedAfterDays(), channels, tenant.attribution());
        }
        if (tenantFile.get("attribution") != null) {
            tenant = new TenantSettings(tenant.id(), tenant.name(), tenant.reportingCurrency(), tenant.timezone(),
                    tenant.neverTouchedAfterDays(), tenant.channels(),
                    section(tenantFile.get("attribution"), AttributionSettings.class, dir.resolve("leadledger.yml"), "attribution"),
                    tenant.identity());
        }
        if (tenantFile.get("identity") != null) {
            tenant = tenant.withIdentity(section(tenantFile.get("identity"), IdentitySettings.class,
                    dir.resolve("leadledger.yml"), "identity"));
        }
        return new Workspace(dir, tenant, loadSync(dir), loadReports(dir), DeliveryDefinition.load(dir));
    }

    /** The section's own validation message, not Jackson's wrapping of it. */
    private static <T> T section(Object section, Class<T> type, Path file, String name) {
        try {
            return YAML.convertValue(section, type);
        } catch (IllegalArgumentException e) {
            throw new JobsConfigException(file + " (" + name + "): " + oneLine(e), e);
        }
    }

    /**
     * What went wrong, in one line: a record's own check ("defaultModel: unknown model ..."), or Jackson's
     * complaint about a value with the setting it is about, without its source excerpt and reference chain.
     */
    static String oneLine(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        if (root instanceof IllegalArgumentException && root.getMessage() != null) {
            return root.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
                String path = m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
                String msg = m.getOriginalMessage().lines().findFirst().orElse("");
                return path.isEmpty() ? msg : "'" + path + "': " + msg;
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
                String msg = p.getOriginalMessage().lines().findFirst().orElse("");
                return p.getLocation() == null ? msg
                        : msg + " (line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() + ")";
            }
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }

    private static SyncDefinition loadSync(Path dir) {
        Path file = dir.resolve("nightly-sync.yml");
        Map<String, Object> map = readMap(file, true);
        List<SourceDefinition> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        // the top level first ('sourcse:' is a typo, not a missing list); each source below, named in the message
        KnownSettings.check(map, KnownSettings.NIGHTLY_SYNC.renamed("sources", "sources", KnownSettings.Shape.VALUE), file, "");
        Object raw = map.get("sources");
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new JobsConfigException(file + ": 'sources' must list at least one source");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new JobsConfigException(file + ": each entry of 'sources' must be a mapping");
            }
            Object name = m.get("name");
            KnownSettings.check(m, KnownSettings.SOURCE, file, name != null ? "source '" + name + "'" : "source #" + (i + 1));
            sources.add(source(file, dir, castMap(m)));
        }
        for (SourceDefinition s : sources) {
            if (!names.add(s.name())) {
                throw new JobsConfigException(file + ": source name '" + s.name() + "' is used twice");
            }
        }
        return new SyncDefinition(str(map, "job", "nightly-sync"), str(map, "cron", "0 30 2 * * *"),
                str(map, "timezone", null), str(map, "fx", null), List.copyOf(sources),
                Boolean.TRUE.equals(map.get("followSymlinks")));
    }

    private static SourceDefinition source(Path file, Path dir, Map<String, Object> m) {
        String name = (String) m.get("name");
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new JobsConfigException(file + ": source name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String where = file + " source '" + name + "'";
        String files = (String) m.get("files");
        ApiSettings api = m.get("api") == null ? null : convert(m.get("api"), ApiSettings.class, file, "source '" + name + "' api");
        if (files == null && api == null) {
            throw new JobsConfigException(where + ": 'files' (a path or glob) or 'api' is required");
        }
        if (files != null && api != null) {
            throw new JobsConfigException(where + ": give 'files' or 'api', not both");
        }
        Map<String, Object> overrides = new LinkedHashMap<>(m);
        overrides.keySet().removeAll(SOURCE_KEYS);
        MappingProfile override = convert(overrides, MappingProfile.class, file, "source '" + name + "'");
        String profileName = (String) m.get("profile");
        MappingProfile base = profileName == null ? null : profile(dir, profileName, where);
        MappingProfile effective = base == null ? override : base.overriddenBy(override);
        if (effective.kind() == null) {
            throw new JobsConfigException(where + ": 'kind' (leads, deals, spend or touches) is required when no profile sets it");
        }
        Object people = m.get("people");
        if (people != null) {
            // touches: the leads source whose record ids personId names (a deals source's leadRefSources, by name)
            if (effective.kind() != SourceKind.TOUCHES) {
                throw new JobsConfigException(where + ": 'people' is for a touches source (the leads source its person"
                        + " ids belong to)");
            }
            if (!(people instanceof String p) || p.isBlank()) {
                throw new JobsConfigException(where + ": 'people' names one leads source of this file");
            }
            effective = effective.overriddenBy(new MappingProfile(null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, List.of(p.strip()), null, null, null));
        }
        if (effective.columnsOrEmpty().isEmpty()) {
            throw new JobsConfigException(where + ": no column mapping: name a 'profile' or give 'columns'");
        }
        if (effective.kind() == SourceKind.TOUCHES && !effective.columnsOrEmpty().containsKey("email")
                && !effective.columnsOrEmpty().containsKey("personId")) {
            // every row would be quarantined: say it once, here
            throw new JobsConfigException(where + ": a touches source maps 'email' or 'personId' (or both): who was"
                    + " touched");
        }
        if (api != null && !api.feeds().equals(effective.kind().label())) {
            throw new JobsConfigException(where + ": api.object " + api.object() + " does not fit kind "
                    + effective.kind().label());
        }
        return new SourceDefinition(name, effective.kind(), files, effective,
                Boolean.TRUE.equals(m.get("stagingFollowsFiles")), api);
    }

    /** A mapping profile shipped in the jar, by name. */
    public static MappingProfile builtInProfile(String name) {
        return profile(Path.of("/nonexistent"), name, "built-in profile");
    }

    /** A user's jobs/profiles/NAME.yml wins over the built-in classpath profiles/NAME.yml. */
    static MappingProfile profile(Path dir, String name, String where) {
        Path own = dir.resolve("profiles").resolve(name + ".yml");
        try {
            if (Files.exists(own)) {
                Object yaml = YAML.readValue(own.toFile(), Object.class);
                KnownSettings.check(yaml, KnownSettings.PROFILE, own, "");
                return section(yaml, MappingProfile.class, own, "profile '" + name + "'");
            }
            try (InputStream in = Workspace.class.getResourceAsStream("/profiles/" + name + ".yml")) {
                if (in == null) {
                    throw new JobsConfigException(where + ": unknown profile '" + name + "' (built-in: "
                            + String.join(", ", BuiltInProfiles.NAMES) + "; or add " + own + ")");
                }
                return YAML.readValue(in, MappingProfile.class);
            }
        } catch (IOException e) {
            throw new JobsConfigException(where + ": profile '" + name + "' cannot be read: " + oneLine(e), e);
        }
    }

    private static ReportsDefinition loadReports(Path dir) {
        Path file = dir.resolve("monthly-reports.yml");
        Map<String, Object> map = readMap(file, false);
        KnownSettings.check(map, KnownSettings.MONTHLY_REPORTS, file, "");
        List<String> reports = convert(map.getOrDefault("reports", ReportsDefinition.KNOWN_REPORTS),
                new TypeReference<>() { }, file, "reports");
        for (String r : reports) {
            if (!ReportsDefinition.KNOWN_REPORTS.contains(r)) {
                throw new JobsConfigException(file + ": unknown report '" + r + "' ("
                        + String.join(", ", ReportsDefinition.KNOWN_REPORTS) + ")");
            }
        }
        List<String> formats = convert(map.getOrDefault("formats", List.of("pdf", "xlsx")), new TypeReference<>() { }, file, "formats");
        List<String> recipients = convert(map.getOrDefault("recipients", List.of()), new TypeReference<>() { }, file, "recipients");
        String paper = str(map, "paperSize", "A4");
        if (!paper.equalsIgnoreCase("A4") && !paper.equalsIgnoreCase("Letter")) {
            throw new JobsConfigException(file + ": paperSize '" + paper + "' must be A4 or Letter");
        }
        paper = paper.equalsIgnoreCase("A4") ? "A4" : "Letter";
        return new ReportsDefinition(str(map, "job", "monthly-reports"), str(map, "cron", "0 0 7 1W * *"),
                str(map, "timezone", null), reports, formats, str(map, "out", "out/reports"), paper, recipients,
                insightsMinSpend(file, map.get("insights")));
    }

    private static BigDecimal insightsMinSpend(Path file, Object insights) {
        if (insights == null) {
            return ReportsDefinition.DEFAULT_INSIGHTS_MIN_SPEND;
        }
        Map<String, Object> m = convert(insights, new TypeReference<Map<String, Object>>() { }, file, "insights");
        Object v = m.get("minSpend");
        if (!m.keySet().stream().allMatch("minSpend"::equals)) {
            throw new JobsConfigException(file + ": 'insights' takes only minSpend, found " + m.keySet());
        }
        try {
            BigDecimal b = v == null ? ReportsDefinition.DEFAULT_INSIGHTS_MIN_SPEND : new BigDecimal(v.toString());
            if (b.signum() < 0) {
                throw new NumberFormatException();
            }
            return b;
        } catch (NumberFormatException e) {
            throw new JobsConfigException(file + ": insights.minSpend '" + v + "' must be a number, 0 or more");
        }
    }

    private static Map<String, Object> readMap(Path file, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new JobsConfigException(file.toAbsolutePath() + " is missing");
            }
            return Map.of();
        }
        try {
            Map<String, Object> m = YAML.readValue(file.toFile(), new TypeReference<>() { });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new JobsConfigException(file + " is not valid YAML: " + oneLine(e), e);
        }
    }

    private static <T> T convert(Object value, Class<T> type, Path file, String what) {
        try {
            return YAML.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new JobsConfigException(file + " (" + what + "): " + oneLine(e), e);
        }
    }

    private static <T> T convert(Object value, TypeReference<T> type, Path file, String what) {
        try {
            return YAML.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new JobsConfigException(file + " (" + what + "): " + oneLine(e), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static String str(Map<String, Object> map, String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : v.toString();
    }
}
