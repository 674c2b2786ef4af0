package io.leadledger.jobs;

import java.time.ZoneId;
import java.util.Map;

/**
 * Who the warehouse rows belong to and how they are reported (jobs/leadledger.yml).
 *
 * @param channels    raw source values ("Paid Social / LinkedIn", "Trade Show") -> the tenant's channel
 *                    names; matched case-insensitively, "source / detail" before "source"
 * @param attribution the attribution models' settings (the file's top-level {@code attribution:} section)
 * @param identity    when two e-mail addresses are one person, and which domains are free mail (top-level
 *                    {@code identity:} section)
 */
public record TenantSettings(String id, String name, String reportingCurrency, String timezone,
                             int neverTouchedAfterDays, Map<String, String> channels, AttributionSettings attribution,
                             IdentitySettings identity) {

    /** Without attribution settings: every model at its defaults, first touch in the marts. */
    public TenantSettings(String id, String name, String reportingCurrency, String timezone,
                          int neverTouchedAfterDays, Map<String, String> channels) {
        this(id, name, reportingCurrency, timezone, neverTouchedAfterDays, channels, null, null);
    }

    /** Without identity settings: plus tags stripped, nothing else. */
    public TenantSettings(String id, String name, String reportingCurrency, String timezone,
                          int neverTouchedAfterDays, Map<String, String> channels, AttributionSettings attribution) {
        this(id, name, reportingCurrency, timezone, neverTouchedAfterDays, channels, attribution, null);
    }

    public TenantSettings {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("tenant.id is required");
        }
        // the id names the reports' folder and keys every warehouse row (VARCHAR(64)): '../x' must not climb out
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("tenant.id '" + (id.length() > 70 ? id.substring(0, 70) + "…" : id)
                    + "' must be 1 to 64 letters, digits, '-' or '_' (it is " + id.length() + " characters)");
        }
        name = name == null ? id : name;
        reportingCurrency = reportingCurrency == null ? "USD" : reportingCurrency.toUpperCase(java.util.Locale.ROOT);
        timezone = timezone == null ? "UTC" : timezone;
        ZoneId.of(timezone); // fail early on a misspelt zone
        neverTouchedAfterDays = neverTouchedAfterDays <= 0 ? 14 : neverTouchedAfterDays;
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        attribution = attribution == null ? AttributionSettings.DEFAULTS : attribution;
        identity = identity == null ? IdentitySettings.DEFAULTS : identity;
    }

    public TenantSettings withIdentity(IdentitySettings identity) {
        return new TenantSettings(id, name, reportingCurrency, timezone, neverTouchedAfterDays, channels, attribution, identity);
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
