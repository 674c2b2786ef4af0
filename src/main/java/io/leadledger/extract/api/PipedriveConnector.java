package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipedrive API v2, persons or deals, as its public reference documents them: {@code GET /api/v2/persons} and
 * {@code GET /api/v2/deals}, 500 a page, paged by {@code cursor} (the response's
 * {@code additional_data.next_cursor}); changes since the watermark with {@code updated_since} and
 * {@code updated_until} (RFC 3339). Deals deleted in the last 30 days are read with {@code status=deleted} and
 * arrive with archived = true. The API token goes in the {@code x-api-token} header. Pipedrive's limits are a
 * token budget per company and a burst limit per 2 seconds; calls are spaced to 10 a second here and a 429 waits
 * as {@code Retry-After} says.
 */
public final class PipedriveConnector implements ApiConnector {

    static final int PAGE = 500;

    private enum Phase { ACTIVE, DELETED, DONE }

    private final ApiHttp http;
    private final String base;
    private final String root;
    private final String object;
    private final List<String> fields;
    private final RateLimiter limit;

    private Instant from;
    private Instant to;
    private Phase phase;
    private String cursor;
    private String state;

    public PipedriveConnector(ApiHttp http, String baseUrl, String object, List<String> fields) {
        this.http = http;
        this.base = baseUrl + "/api/v2/" + object;
        this.root = baseUrl;
        this.object = object;
        this.fields = List.copyOf(fields);
        this.limit = RateLimiter.of("pipedrive", RateLimiterConfig.custom().limitForPeriod(10)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5)).build());
    }

    @Override
    public List<String> fields() {
        List<String> f = new ArrayList<>(List.of("id", "archived", "modified"));
        for (String x : fields) {
            if (!f.contains(x)) {
                f.add(x);
            }
        }
        return f;
    }

    @Override
    public void start(Instant from, Instant to, String saved) {
        this.from = from;
        this.to = to;
        if (saved != null) {
            String[] p = saved.split("\\|", -1);
            phase = Phase.valueOf(p[0]);
            cursor = p[1].isEmpty() ? null : p[1];
        } else {
            phase = Phase.ACTIVE;
            cursor = null;
        }
    }

    /**
     * Deals: {@code total_count} of {@code GET /v1/deals/summary} (every deal not deleted: the summary v2 has no
     * counterpart for). Persons: empty, Pipedrive's API gives no count of them (v2 pages by cursor with no total,
     * and v1's pagination says only whether more items follow).
     */
    @Override
    public java.util.OptionalLong total() {
        if (!object.equals("deals")) {
            return java.util.OptionalLong.empty();
        }
        JsonNode n = http.get(root + "/v1/deals/summary", limit).path("data").path("total_count");
        return n.canConvertToLong() ? java.util.OptionalLong.of(n.asLong()) : java.util.OptionalLong.empty();
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
            state = phase + "|" + (cursor == null ? "" : cursor);
            StringBuilder url = new StringBuilder(base).append("?limit=").append(PAGE)
                    .append("&updated_until=").append(enc(to.toString()));
            if (from != null) {
                url.append("&updated_since=").append(enc(from.toString()));
            }
            if (phase == Phase.DELETED) {
                url.append("&status=deleted");
            }
            if (cursor != null) {
                url.append("&cursor=").append(enc(cursor));
            }
            JsonNode res = http.get(url.toString(), limit);
            List<ApiRecord> page = new ArrayList<>();
            for (JsonNode n : res.path("data")) {
                page.add(record(n, phase == Phase.DELETED));
            }
            JsonNode next = res.path("additional_data").path("next_cursor");
            cursor = next.isMissingNode() || next.isNull() || next.asText().isEmpty() ? null : next.asText();
            if (cursor == null) {
                // persons have no list of deleted ones
                phase = phase == Phase.ACTIVE && object.equals("deals") ? Phase.DELETED : Phase.DONE;
            }
            if (!page.isEmpty()) {
                return page;
            }
        }
        return null;
    }

    private ApiRecord record(JsonNode n, boolean deleted) {
        Map<String, String> f = new LinkedHashMap<>();
        String id = n.path("id").asText();
        f.put("id", id);
        f.put("archived", Boolean.toString(deleted || n.path("is_deleted").asBoolean(false)));
        String modified = text(n.get("update_time"));
        f.put("modified", modified);
        for (String name : fields) {
            f.put(name, value(n, name));
        }
        return new ApiRecord(id, modified == null ? Instant.EPOCH : Instant.parse(modified), f);
    }

    /** A top-level field; "email" is the person's primary address; anything else a custom field by its key. */
    private static String value(JsonNode n, String name) {
        if (name.equals("email")) {
            String first = null;
            for (JsonNode e : n.path("emails")) {
                String v = text(e.get("value"));
                if (e.path("primary").asBoolean(false) && v != null) {
                    return v;
                }
                first = first == null ? v : first;
            }
            return first;
        }
        JsonNode v = n.has(name) ? n.get(name) : n.path("custom_fields").get(name);
        if (v != null && v.isObject() && v.has("value")) {
            v = v.get("value"); // a custom field of the monetary or option kinds
        }
        return text(v);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? null : v.isContainerNode() ? v.toString() : v.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
