package io.leadledger.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting each file of jobs/ takes, derived from the settings records themselves (a record component is a
 * setting of the same name, unless {@code @JsonProperty} renames it), so a setting added to a record is known at once.
 * Only the layout of the files is written here: which record a file or section is read into, and the few
 * components that are spelt differently in YAML or read from another file. Used to reject typos
 * ({@link #check}) and to list the settings (see KnownSettingsTest).
 */
public final class KnownSettings {

    /**
     * What one level of a YAML file may hold: named keys (each with what its value may hold), or any key
     * ({@link #ANY_KEYS}: a map of the user's own names, like channels or columns), or a plain value.
     */
    public record Shape(Map<String, Shape> keys, Shape items, boolean anyKeys) {

        public static final Shape VALUE = new Shape(null, null, false);
        public static final Shape ANY_KEYS = new Shape(null, null, true);

        static Shape of(Map<String, Shape> keys) {
            return new Shape(Map.copyOf(keys), null, false);
        }

        static Shape listOf(Shape items) {
            return new Shape(null, items, false);
        }

        /** The settings of a record: one per component, nested records, lists and maps followed. */
        static Shape ofRecord(Class<?> type) {
            Map<String, Shape> keys = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty renamed = c.getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
                keys.put(name, ofType(c.getGenericType()));
            }
            return new Shape(keys, null, false);
        }

        private static Shape ofType(Type t) {
            if (t instanceof Class<?> c && c.isRecord()) {
                return ofRecord(c);
            }
            if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                if (Map.class.isAssignableFrom(raw)) {
                    return ANY_KEYS;
                }
                if (Collection.class.isAssignableFrom(raw)) {
                    Shape item = ofType(p.getActualTypeArguments()[0]);
                    return item == VALUE ? VALUE : listOf(item);
                }
            }
            return VALUE;
        }

        /** This shape with the given keys left out (components read from another file, or not from YAML at all). */
        Shape without(String... names) {
            Map<String, Shape> k = new LinkedHashMap<>(keys);
            for (String n : names) {
                if (k.remove(n) == null) {
                    throw new IllegalStateException("no setting '" + n + "' to leave out of " + k.keySet());
                }
            }
            return new Shape(k, null, false);
        }

        /** This shape with a component spelt differently in YAML: {@code outDir} is {@code out:}. */
        Shape renamed(String component, String yamlName, Shape value) {
            Map<String, Shape> k = new LinkedHashMap<>();
            if (!keys.containsKey(component)) {
                throw new IllegalStateException("no setting '" + component + "' to rename in " + keys.keySet());
            }
            keys.forEach((n, s) -> {
                if (n.equals(component)) {
                    k.put(yamlName, value == null ? s : value);
                } else {
                    k.put(n, s);
                }
            });
            return new Shape(k, null, false);
        }

        Shape plus(Map<String, Shape> more) {
            Map<String, Shape> k = new LinkedHashMap<>(keys);
            k.putAll(more);
            return new Shape(k, null, false);
        }

        public boolean isMapping() {
            return keys != null;
        }
    }

    /** The {@code tenant:} section (TenantSettings); channels, attribution and identity may also stand at the top level. */
    static final List<String> TENANT_SECTIONS_AT_TOP = List.of("channels", "attribution", "identity");

    /** A mapping profile: jobs/profiles/NAME.yml and the built-in ones. */
    public static final Shape PROFILE = Shape.ofRecord(MappingProfile.class);

    /**
     * One entry of {@code sources:}: the source's own settings (SourceDefinition, whose {@code mapping} is not a key
     * but the profile's settings written in the entry itself), {@code profile:}, and any profile setting.
     */
    public static final Shape SOURCE = Shape.ofRecord(SourceDefinition.class).without("mapping")
            .plus(Map.of("profile", Shape.VALUE)).plus(Map.of("people", Shape.VALUE)).plus(PROFILE.keys());

    /** jobs/leadledger.yml. */
    public static final Shape LEADLEDGER = leadledger();

    /** jobs/nightly-sync.yml. */
    public static final Shape NIGHTLY_SYNC = Shape.ofRecord(SyncDefinition.class)
            .renamed("fxFile", "fx", null)
            .renamed("sources", "sources", Shape.listOf(SOURCE));

    /** jobs/monthly-reports.yml: ReportsDefinition, and the e-mail settings of DeliveryDefinition but alerts. */
    public static final Shape MONTHLY_REPORTS = Shape.ofRecord(ReportsDefinition.class)
            .renamed("outDir", "out", null)
            .renamed("insightsMinSpend", "insights", Shape.of(Map.of("minSpend", Shape.VALUE)))
            .plus(Shape.ofRecord(DeliveryDefinition.class).without("alerts").keys());

    private static Shape leadledger() {
        Shape tenant = Shape.ofRecord(TenantSettings.class);
        Map<String, Shape> top = new LinkedHashMap<>();
        top.put("tenant", tenant);
        for (String section : TENANT_SECTIONS_AT_TOP) {
            top.put(section, tenant.keys().get(section));
        }
        top.put("alerts", Shape.ofRecord(DeliveryDefinition.class).keys().get("alerts"));
        return new Shape(top, null, false);
    }

    /** Each file of jobs/ and what it takes, for the settings reference. */
    public static Map<String, Shape> files() {
        Map<String, Shape> files = new LinkedHashMap<>();
        files.put("leadledger.yml", LEADLEDGER);
        files.put("nightly-sync.yml", NIGHTLY_SYNC);
        files.put("monthly-reports.yml", MONTHLY_REPORTS);
        files.put("profiles/NAME.yml", PROFILE);
        return files;
    }

    /** Every setting of a shape as a dotted path ("tenant.id", "sources[].columns.*"), in declaration order. */
    public static List<String> paths(Shape shape) {
        List<String> out = new java.util.ArrayList<>();
        paths(shape, "", out);
        return out;
    }

    private static void paths(Shape shape, String prefix, List<String> out) {
        if (shape.anyKeys()) {
            out.add(prefix + ".*");
        } else if (shape.items() != null) {
            paths(shape.items(), prefix + "[]", out);
        } else if (shape.isMapping()) {
            for (Map.Entry<String, Shape> e : shape.keys().entrySet()) {
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                if (e.getValue() == Shape.VALUE) {
                    out.add(p);
                } else {
                    paths(e.getValue(), p, out);
                }
            }
        }
    }

    private KnownSettings() {
    }

    /**
     * Rejects the first key that {@code shape} does not know, anywhere in {@code yaml}:
     * "unknown setting 'crom' in jobs/nightly-sync.yml (did you mean 'cron'?)". {@code where} says which part of
     * the file the yaml is ("" for the whole file, "source 'crm'" for one source). Values of the wrong kind are
     * left to the readers, which know what they expect.
     */
    public static void check(Object yaml, Shape shape, Path file, String where) {
        check(yaml, shape, file, where, "");
    }

    private static void check(Object yaml, Shape shape, Path file, String where, String prefix) {
        if (shape.items() != null && yaml instanceof List<?> list) {
            for (Object item : list) {
                check(item, shape.items(), file, where, prefix);
            }
            return;
        }
        if (!shape.isMapping() || !(yaml instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Shape sub = shape.keys().get(key);
            if (sub == null) {
                throw new JobsConfigException("unknown setting '" + prefix + key + "' in " + file
                        + (where.isEmpty() ? "" : ", " + where) + " (" + suggestion(key, shape.keys().keySet()) + ")");
            }
            check(e.getValue(), sub, file, where, prefix + key + ".");
        }
    }

    /** "did you mean 'cron'?" when a known name is a small typo away, else the names this level takes. */
    static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        // a third of the word may be wrong, at least two letters: 'crom' -> 'cron', 'recipents' -> 'recipients'
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
            return "did you mean '" + best + "'?";
        }
        return "known here: " + String.join(", ", known.stream().sorted().toList());
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
