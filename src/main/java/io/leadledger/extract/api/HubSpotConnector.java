package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot CRM API v3, contacts or deals (with their contacts), as its public reference documents it.
 * <ul>
 * <li>Deals carry their contacts ({@code contactIds}) and their company's {@code domain} ({@code companyDomain}):
 * the list asks for both associations; a search page's deals get them by the Associations v4 batch reads, and the
 * companies' domains come from the companies batch read, 100 ids a call.</li>
 * <li>Full load: {@code GET /crm/v3/objects/{object}} paged by {@code after} (100 a page), then the archived
 * (deleted) records the same way with {@code archived=true}: they arrive with archived = true, which the profile
 * maps to "deleted".</li>
 * <li>Changes since the watermark: {@code POST /crm/v3/objects/{object}/search} on the last-modified property,
 * ascending, 200 a page. A search returns at most 10,000 results (the page past it is a 400): before that
 * cap the next query starts again at the last modified time seen (records at that instant come back and are
 * skipped); when a whole capped run of results shares one instant (HubSpot's month-end bulk updates do this),
 * that instant is paged by record id. Search is limited to about 5 requests a second per account: 4 here.</li>
 * </ul>
 */
public final class HubSpotConnector implements ApiConnector {

    static final int LIST_PAGE = 100;
    static final int SEARCH_PAGE = 200;
    static final int SEARCH_CAP = 10_000;
    /** Ids a companies batch read takes at most. */
    static final int COMPANY_BATCH = 100;
    /** A deal's associated company, between reading the page and reading the companies' domains. */
    private static final String COMPANY_ID = "\u0000companyId";

    private enum Phase { LIST, ARCHIVED, SEARCH, INSTANT, DONE }

    private final ApiHttp http;
    private final String base;
    private final String object;
    private final List<String> properties;
    private final String modifiedProperty;
    private final int cap;
    private final RateLimiter searchLimit;
    private final RateLimiter listLimit;

    private Instant to;
    private long from = -1;   // changes since (epoch ms), -1 for a full load
    private Phase phase;
    private long since;       // SEARCH: modified >= since (epoch ms); INSTANT: modified == since
    private String after;     // the page cursor of LIST/ARCHIVED/SEARCH
    private String lastId;    // INSTANT: id > lastId
    private String state;     // where the page returned last was read from
    private final Set<String> boundary = new HashSet<>(); // ids already returned at modified == lastSeen
    private long lastSeen = Long.MIN_VALUE;              // the latest modified time returned (epoch ms)

    public HubSpotConnector(ApiHttp http, String baseUrl, String object, List<String> properties) {
        this(http, baseUrl, object, properties, true);
    }

    /** {@code vendorLimits} false: no rate limiter (a local stub, the benchmark), to measure Leadledger alone. */
    public HubSpotConnector(ApiHttp http, String baseUrl, String object, List<String> properties, boolean vendorLimits) {
        this(http, baseUrl, object, properties, SEARCH_CAP, vendorLimits ? Duration.ofMillis(250) : Duration.ZERO);
    }

    /** {@code cap} and the search interval are the documented ones; tests shrink them (zero: no limits at all). */
    HubSpotConnector(ApiHttp http, String baseUrl, String object, List<String> properties, int cap, Duration searchInterval) {
        this.http = http;
        this.base = baseUrl + "/crm/v3/objects/" + object;
        this.object = object;
        this.modifiedProperty = object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
        List<String> props = new ArrayList<>(properties);
        if (!props.contains(modifiedProperty)) {
            props.add(modifiedProperty);
        }
        this.properties = List.copyOf(props);
        this.cap = cap;
        boolean limited = !searchInterval.isZero();
        this.searchLimit = RateLimiter.of("hubspot-search", RateLimiterConfig.custom().limitForPeriod(limited ? 1 : Integer.MAX_VALUE)
                .limitRefreshPeriod(limited ? searchInterval : Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5)).build());
        // the general limit of a private app: 100 requests per 10 s (Starter); 19 a second keeps under all tiers
        this.listLimit = RateLimiter.of("hubspot", RateLimiterConfig.custom().limitForPeriod(limited ? 19 : Integer.MAX_VALUE)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5)).build());
    }

    @Override
    public List<String> fields() {
        List<String> f = new ArrayList<>(List.of("id", "archived", "modified"));
        f.addAll(properties);
        if (object.equals("deals")) {
            f.add("contactIds");
            f.add("companyDomain");
        }
        return f;
    }

    @Override
    public void start(Instant from, Instant to, String saved) {
        this.to = to;
        boundary.clear();
        lastSeen = Long.MIN_VALUE;
        if (saved != null) {
            String[] p = saved.split("\\|", -1);
            phase = Phase.valueOf(p[0]);
            since = Long.parseLong(p[1]);
            after = p[2].isEmpty() ? null : p[2];
            lastId = p[3].isEmpty() ? null : p[3];
            this.from = Long.parseLong(p[4]);
        } else {
            this.from = from == null ? -1 : from.toEpochMilli();
            phase = from == null ? Phase.LIST : Phase.SEARCH;
            since = from == null ? 0 : from.toEpochMilli();
            after = null;
            lastId = null;
        }
    }

    /**
     * The search endpoint's {@code total} for the object's records created before the window's end (all of them
     * before {@link #start}), one result a page: archived records are not searchable, so they are not counted,
     * and a record created while the run reads is not counted before the night that reads it.
     */
    @Override
    public java.util.OptionalLong total() {
        Map<String, Object> filter = to == null
                ? Map.of("propertyName", "hs_object_id", "operator", "HAS_PROPERTY")
                : filter("createdate", "LT", to.toEpochMilli());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", List.of(Map.of("filters", List.of(filter))));
        body.put("properties", List.of("hs_object_id"));
        body.put("limit", 1);
        JsonNode res = http.post(base + "/search", body, searchLimit);
        JsonNode t = res.get("total");
        return t == null || !t.canConvertToLong() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(t.asLong());
    }

    @Override
    public String pageState() {
        return state;
    }

    @Override
    public long calls() {
        return http.calls();
    }

    @Override
    public List<ApiRecord> nextPage() {
        while (phase != Phase.DONE) {
            state = phase + "|" + since + "|" + (after == null ? "" : after) + "|" + (lastId == null ? "" : lastId)
                    + "|" + from;
            List<ApiRecord> page = switch (phase) {
                case LIST, ARCHIVED -> listPage();
                case SEARCH -> searchPage();
                case INSTANT -> instantPage();
                case DONE -> null;
            };
            if (page != null && !page.isEmpty()) {
                return page;
            }
        }
        return null;
    }

    private List<ApiRecord> listPage() {
        boolean archived = phase == Phase.ARCHIVED;
        StringBuilder url = new StringBuilder(base).append("?limit=").append(LIST_PAGE).append("&archived=").append(archived)
                .append("&properties=").append(enc(String.join(",", properties)));
        if (object.equals("deals")) {
            url.append("&associations=").append(enc("contacts,companies"));
        }
        if (after != null) {
            url.append("&after=").append(enc(after));
        }
        JsonNode res = http.get(url.toString(), listLimit);
        List<ApiRecord> out = records(res.path("results"), true);
        if (archived && from >= 0) {
            // the archive list cannot be filtered by time: a night takes the records archived since its watermark
            out.removeIf(r -> r.modified().toEpochMilli() < from);
        }
        after = nextAfter(res);
        if (after == null) {
            phase = archived ? Phase.DONE : Phase.ARCHIVED;
        }
        return withDomains(out);
    }

    private List<ApiRecord> searchPage() {
        Map<String, Object> body = query(List.of(filter(modifiedProperty, "GTE", since),
                filter(modifiedProperty, "LT", to.toEpochMilli())), modifiedProperty);
        if (after != null) {
            body.put("after", after);
        }
        JsonNode res = http.post(base + "/search", body, searchLimit);
        List<ApiRecord> out = fresh(records(res.path("results"), false));
        String next = nextAfter(res);
        if (next == null) {
            phase = Phase.ARCHIVED; // archived records are not searchable: the archive list after the changes
            after = null;
        } else if (Long.parseLong(next) + SEARCH_PAGE > cap) {
            // the next page would pass the cap: query again from the last instant seen (its records are skipped),
            // or, when the whole capped run was that one instant, page the instant by id
            phase = lastSeen == since ? Phase.INSTANT : Phase.SEARCH;
            since = lastSeen;
            lastId = null;
            after = null;
        } else {
            after = next;
        }
        return withContacts(out);
    }

    private List<ApiRecord> instantPage() {
        List<Map<String, Object>> filters = new ArrayList<>(List.of(filter(modifiedProperty, "EQ", since)));
        if (lastId != null) {
            filters.add(filter("hs_object_id", "GT", Long.parseLong(lastId)));
        }
        JsonNode res = http.post(base + "/search", query(filters, "hs_object_id"), searchLimit);
        List<ApiRecord> page = records(res.path("results"), false);
        List<ApiRecord> out = fresh(page);
        if (page.size() < SEARCH_PAGE) {
            phase = Phase.SEARCH; // the instant is done: go on after it
            since = since + 1;
            after = null;
            lastId = null;
        } else {
            lastId = page.get(page.size() - 1).id();
        }
        return withContacts(out);
    }

    /**
     * The records not returned before: a query that starts again at an instant returns that instant's records
     * again. Keeps the ids of the latest instant returned (at most a capped run of them).
     */
    private List<ApiRecord> fresh(List<ApiRecord> page) {
        List<ApiRecord> out = new ArrayList<>(page.size());
        for (ApiRecord r : page) {
            long m = r.modified().toEpochMilli();
            if (m > lastSeen) {
                lastSeen = m;
                boundary.clear();
            }
            if (m < lastSeen || !boundary.add(r.id())) {
                continue; // before the instant reached, or returned already
            }
            out.add(r);
        }
        return out;
    }

    private Map<String, Object> query(List<Map<String, Object>> filters, String sortBy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", List.of(Map.of("filters", filters)));
        body.put("sorts", List.of(Map.of("propertyName", sortBy, "direction", "ASCENDING")));
        body.put("properties", properties);
        body.put("limit", SEARCH_PAGE);
        return body;
    }

    private static Map<String, Object> filter(String property, String op, long value) {
        return Map.of("propertyName", property, "operator", op, "value", Long.toString(value));
    }

    /**
     * Deals found by search come without associations: a batch call per page fetches their contacts and one their
     * companies (Associations v4 batch read, up to 1,000 inputs), then their companies' domains.
     */
    private List<ApiRecord> withContacts(List<ApiRecord> page) {
        if (!object.equals("deals") || page.isEmpty()) {
            return page;
        }
        Map<String, String> contacts = associated(page, "contacts");
        Map<String, String> companies = associated(page, "companies");
        List<ApiRecord> out = new ArrayList<>(page.size());
        for (ApiRecord r : page) {
            Map<String, String> f = new LinkedHashMap<>(r.fields());
            f.put("contactIds", contacts.get(r.id()));
            String company = companies.get(r.id());
            f.put(COMPANY_ID, company == null || company.isEmpty() ? null : company.split(";")[0]);
            out.add(new ApiRecord(r.id(), r.modified(), f));
        }
        return withDomains(out);
    }

    /** The ids of each deal's associated {@code toObject}s, ";"-joined, by deal id. */
    private Map<String, String> associated(List<ApiRecord> page, String toObject) {
        List<Map<String, String>> inputs = page.stream().map(r -> Map.of("id", r.id())).toList();
        JsonNode res = http.post(base.replace("/crm/v3/objects/deals", "/crm/v4/associations/deals/" + toObject + "/batch/read"),
                Map.of("inputs", inputs), listLimit);
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode r : res.path("results")) {
            List<String> to = new ArrayList<>();
            for (JsonNode t : r.path("to")) {
                to.add(t.path("toObjectId").asText());
            }
            ids.put(r.path("from").path("id").asText(), String.join(";", to));
        }
        return ids;
    }

    /**
     * The deals' account domain: the {@code domain} property of each deal's (first) associated company, read with
     * {@code POST /crm/v3/objects/companies/batch/read}, 100 ids a call (its documented maximum), so a page of
     * deals costs one or two calls however many deals share a company. Removes the company id field.
     */
    private List<ApiRecord> withDomains(List<ApiRecord> page) {
        if (!object.equals("deals") || page.isEmpty()) {
            return page;
        }
        List<String> ids = page.stream().map(r -> r.fields().get(COMPANY_ID)).filter(java.util.Objects::nonNull)
                .distinct().toList();
        Map<String, String> domains = new java.util.HashMap<>();
        for (int i = 0; i < ids.size(); i += COMPANY_BATCH) {
            List<Map<String, String>> inputs = ids.subList(i, Math.min(ids.size(), i + COMPANY_BATCH)).stream()
                    .map(id -> Map.of("id", id)).toList();
            JsonNode res = http.post(base.replace("/crm/v3/objects/deals", "/crm/v3/objects/companies/batch/read"),
                    Map.of("properties", List.of("domain"), "inputs", inputs), listLimit);
            for (JsonNode c : res.path("results")) {
                JsonNode d = c.path("properties").get("domain");
                if (d != null && !d.isNull() && !d.asText().isBlank()) {
                    domains.put(c.path("id").asText(), d.asText());
                }
            }
        }
        List<ApiRecord> out = new ArrayList<>(page.size());
        for (ApiRecord r : page) {
            Map<String, String> f = new LinkedHashMap<>(r.fields());
            String company = f.remove(COMPANY_ID);
            f.put("companyDomain", company == null ? null : domains.get(company));
            out.add(new ApiRecord(r.id(), r.modified(), f));
        }
        return out;
    }

    private List<ApiRecord> records(JsonNode results, boolean inlineAssociations) {
        List<ApiRecord> out = new ArrayList<>(results.size());
        for (JsonNode n : results) {
            Map<String, String> f = new LinkedHashMap<>();
            String id = n.path("id").asText();
            f.put("id", id);
            f.put("archived", Boolean.toString(n.path("archived").asBoolean(false)));
            JsonNode props = n.path("properties");
            for (String p : properties) {
                JsonNode v = props.get(p);
                f.put(p, v == null || v.isNull() ? null : v.asText());
            }
            // an archived record's last change is its archiving
            String modified = n.hasNonNull("archivedAt") ? n.path("archivedAt").asText()
                    : f.get(modifiedProperty) != null ? f.get(modifiedProperty) : n.path("updatedAt").asText(null);
            f.put("modified", modified);
            if (inlineAssociations && object.equals("deals")) {
                List<String> ids = new ArrayList<>();
                for (JsonNode c : n.path("associations").path("contacts").path("results")) {
                    ids.add(c.path("id").asText());
                }
                f.put("contactIds", ids.isEmpty() ? null : String.join(";", ids));
                JsonNode company = n.path("associations").path("companies").path("results").path(0).get("id");
                f.put(COMPANY_ID, company == null ? null : company.asText());
            }
            out.add(new ApiRecord(id, modified == null ? Instant.EPOCH : Instant.parse(modified), f));
        }
        return out;
    }

    private static String nextAfter(JsonNode res) {
        JsonNode a = res.path("paging").path("next").path("after");
        return a.isMissingNode() || a.isNull() || a.asText().isEmpty() ? null : a.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
