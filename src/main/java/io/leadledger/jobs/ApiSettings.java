package io.leadledger.jobs;

import java.util.List;

/**
 * A source read from a tool's API instead of files ({@code api:} under a source in nightly-sync.yml).
 *
 * @param vendor         the tool: hubspot or pipedrive
 * @param object         what to read: contacts (HubSpot) or persons (Pipedrive), a leads source; deals, a deals
 *                       source
 * @param tokenEnv       the environment variable holding the access token (or NAME_FILE: a file holding it);
 *                       the token itself never goes in jobs/
 * @param baseUrl        the API's address (default: the vendor's public one; a sandbox or a test server)
 * @param overlapMinutes how far before the last watermark each night reads again (default 10): a record
 *                       committed late with an earlier modified time is still caught
 */
public record ApiSettings(String vendor, String object, String tokenEnv, String baseUrl, Integer overlapMinutes) {

    public static final List<String> VENDORS = List.of("hubspot", "pipedrive");

    public ApiSettings {
        if (vendor == null || !VENDORS.contains(vendor)) {
            throw new IllegalArgumentException("api.vendor: '" + vendor + "' is not supported (use one of " + VENDORS + ")");
        }
        List<String> objects = vendor.equals("hubspot") ? List.of("contacts", "deals") : List.of("persons", "deals");
        if (object == null || !objects.contains(object)) {
            throw new IllegalArgumentException("api.object: '" + object + "' is not supported for " + vendor
                    + " (use " + String.join(" or ", objects) + ")");
        }
        if (tokenEnv == null || !tokenEnv.matches("[A-Z_][A-Z0-9_]{0,99}")) {
            throw new IllegalArgumentException("api.tokenEnv: the name of the environment variable with the token "
                    + "(e.g. HUBSPOT_TOKEN) is required; the token itself never goes in jobs/");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = vendor.equals("hubspot") ? "https://api.hubapi.com" : "https://api.pipedrive.com";
        } else if (!baseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("api.baseUrl: '" + baseUrl + "' is not an http(s) address");
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
        if (overlapMinutes == null) {
            overlapMinutes = 10;
        } else if (overlapMinutes < 0 || overlapMinutes > 7 * 24 * 60) {
            throw new IllegalArgumentException("api.overlapMinutes: " + overlapMinutes + " is not between 0 and 10080");
        }
    }

    /** Whether the object is a tool's people (leads), else its deals. */
    public boolean readsLeads() {
        return !object.equals("deals");
    }

    /** Where the partition reads from, as the run audit and errors name it. */
    public String location() {
        return "api:" + vendor + "/" + object;
    }
}
