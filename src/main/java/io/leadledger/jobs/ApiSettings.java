package io.leadledger.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source read from a tool's API instead of files ({@code api:} under a source in nightly-sync.yml).
 *
 * @param vendor          the tool: one of {@link #OBJECTS}' keys
 * @param object          what to read: one of the vendor's objects in {@link #OBJECTS}, which also says the kind of
 *                        source it feeds
 * @param tokenEnv        the environment variable holding the access token (or NAME_FILE: a file holding it), for
 *                        the tools with a static token (HubSpot, Pipedrive); the token itself never goes in jobs/
 * @param clientIdEnv     for the tools that issue access tokens to an OAuth client (Salesforce, Marketo): the
 *                        environment variable holding the client id (or NAME_FILE)
 * @param clientSecretEnv the same for the client secret
 * @param baseUrl        the API's address (default: the vendor's public one; a sandbox or a test server)
 * @param overlapMinutes how far before the last watermark each night reads again (default 10): a record
 *                       committed late with an earlier modified time is still caught
 * @param activityTypeIds Marketo activities only: the activity type ids read as touches (1 to 10 of them; default
 *                        Fill Out Form 2, Click Email 11, Change Status in Progression 104)
 */
public record ApiSettings(String vendor, String object, String tokenEnv, String clientIdEnv, String clientSecretEnv,
                          String baseUrl, Integer overlapMinutes, List<Integer> activityTypeIds) {

    /** Per vendor, the objects its connector reads and the kind of source (leads, deals, touches) each feeds. */
    public static final Map<String, Map<String, String>> OBJECTS = objects();

    /** The vendors whose calls carry a static token (tokenEnv) rather than an OAuth client's (clientIdEnv...). */
    private static final List<String> STATIC_TOKEN = List.of("hubspot", "pipedrive");

    private static Map<String, Map<String, String>> objects() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        m.put("hubspot", ordered("contacts", "leads", "deals", "deals"));
        m.put("pipedrive", ordered("persons", "leads", "deals", "deals"));
        m.put("salesforce", ordered("leads", "leads", "contacts", "leads", "opportunities", "deals",
                "campaignMembers", "touches"));
        m.put("marketo", ordered("leads", "leads", "activities", "touches"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> ordered(String... objectKind) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < objectKind.length; i += 2) {
            m.put(objectKind[i], objectKind[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Before client credentials existed: a static-token source. */
    public ApiSettings(String vendor, String object, String tokenEnv, String baseUrl, Integer overlapMinutes) {
        this(vendor, object, tokenEnv, null, null, baseUrl, overlapMinutes, null);
    }

    /** Before Marketo's activity types: any vendor. */
    public ApiSettings(String vendor, String object, String tokenEnv, String clientIdEnv, String clientSecretEnv,
                       String baseUrl, Integer overlapMinutes) {
        this(vendor, object, tokenEnv, clientIdEnv, clientSecretEnv, baseUrl, overlapMinutes, null);
    }

    public ApiSettings {
        if (vendor == null || !OBJECTS.containsKey(vendor)) {
            throw new IllegalArgumentException("api.vendor: '" + vendor + "' is not supported (use one of "
                    + OBJECTS.keySet() + ")");
        }
        List<String> objects = List.copyOf(OBJECTS.get(vendor).keySet());
        if (object == null || !objects.contains(object)) {
            throw new IllegalArgumentException("api.object: '" + object + "' is not supported for " + vendor
                    + " (use " + String.join(" or ", objects) + ")");
        }
        if (STATIC_TOKEN.contains(vendor)) {
            requireEnvName("tokenEnv", tokenEnv, "the token (e.g. HUBSPOT_TOKEN)");
        } else {
            requireEnvName("clientIdEnv", clientIdEnv, "the OAuth client id (e.g. SALESFORCE_CLIENT_ID)");
            requireEnvName("clientSecretEnv", clientSecretEnv, "the OAuth client secret (e.g. SALESFORCE_CLIENT_SECRET)");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl = switch (vendor) {
                case "hubspot" -> "https://api.hubapi.com";
                case "pipedrive" -> "https://api.pipedrive.com";
                // Salesforce and Marketo live at an address of each customer's own: no default
                default -> throw new IllegalArgumentException("api.baseUrl: " + vendor + " needs your instance's "
                        + "address");
            };
        } else if (!baseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("api.baseUrl: '" + baseUrl + "' is not an http(s) address");
        }
        baseUrl = baseUrl.replaceAll("/+$", "");
        if (overlapMinutes == null) {
            overlapMinutes = 10;
        } else if (overlapMinutes < 0 || overlapMinutes > 7 * 24 * 60) {
            throw new IllegalArgumentException("api.overlapMinutes: " + overlapMinutes + " is not between 0 and 10080");
        }
        if (activityTypeIds != null) {
            if (!(vendor.equals("marketo") && object.equals("activities"))) {
                throw new IllegalArgumentException("api.activityTypeIds: only for vendor marketo, object activities");
            }
            if (activityTypeIds.isEmpty() || activityTypeIds.size() > 10
                    || activityTypeIds.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("api.activityTypeIds: give 1 to 10 Marketo activity type ids "
                        + "(Marketo reads at most 10 types at once), not " + activityTypeIds);
            }
            activityTypeIds = List.copyOf(activityTypeIds);
        }
    }

    private static void requireEnvName(String key, String value, String what) {
        if (value == null || !value.matches("[A-Z_][A-Z0-9_]{0,99}")) {
            throw new IllegalArgumentException("api." + key + ": the name of the environment variable with " + what
                    + " is required; the secret itself never goes in jobs/");
        }
    }

    /** The kind of source the object feeds: leads, deals or touches. */
    public String feeds() {
        return OBJECTS.get(vendor).get(object);
    }

    /** Where the partition reads from, as the run audit and errors name it. */
    public String location() {
        return "api:" + vendor + "/" + object;
    }
}
