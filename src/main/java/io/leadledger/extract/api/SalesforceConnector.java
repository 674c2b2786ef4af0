package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce REST API: Lead, Contact, Opportunity (with its contact roles) or CampaignMember, through SOQL, as the
 * REST API Developer Guide documents it.
 * <ul>
 * <li>{@code GET /services/data/vXX.X/queryAll?q=SELECT ... FROM <object> WHERE SystemModstamp < :to [AND
 * SystemModstamp >= :from] ORDER BY SystemModstamp, Id}: queryAll, not query, so that deleted records (and the
 * losers of a merge, deleted with MasterRecordId set) arrive, with archived = true. Up to 2,000 records a batch, the
 * next batch at {@code nextRecordsUrl}.</li>
 * <li>The resume state is the (SystemModstamp, Id) of the last record before the page, not the nextRecordsUrl
 * (a query cursor expires after about 15 minutes idle): a restart queries again with {@code (SystemModstamp > t OR
 * (SystemModstamp = t AND Id > id))}.</li>
 * <li>Opportunities carry {@code contactIds}: their OpportunityContactRoles' contacts, the primary first (a
 * subquery in the same call).</li>
 * <li>Campaign members: only those that responded (HasResponded = true) are touches.</li>
 * <li>Every answer's {@code Sforce-Limit-Info: api-usage=used/limit} is logged; the connector stops with a clear
 * error before a call when less than {@code minRemaining} of the org's daily budget is left, leaving it to the
 * org's other integrations; a 403 REQUEST_LIMIT_EXCEEDED fails at once (ApiHttp), not retried.</li>
 * </ul>
 * Date-times arrive as {@code 2026-01-02T03:04:05.000+0000}; the connector hands them on as ISO-8601 instants.
 */
public final class SalesforceConnector implements ApiConnector {

    public static final String VERSION = "v62.0";
    /** The objects, by the name a source's api.object gives, to their Salesforce object names. */
    static final Map<String, String> SOBJECTS = Map.of("leads", "Lead", "contacts", "Contact",
            "opportunities", "Opportunity", "campaignMembers", "CampaignMember");

    private static final Logger log = LoggerFactory.getLogger(SalesforceConnector.class);
    private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    private static final Pattern SF_TIME_VALUE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?[+-]\\d{4}");
    private static final Pattern LIMIT_INFO = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15,18}");

    private final ApiHttp http;
    private final String base;
    private final String sobject;
    private final List<String> properties;
    private final double minRemaining;
    private final RateLimiter limit;

    private Instant from;
    private Instant to;
    private String next;          // the nextRecordsUrl of the query being read, or null before its first batch
    private boolean done;
    private String afterTime;     // the (SystemModstamp, Id) of the last record returned: the next page is after it
    private String afterId;
    private String state;
    private long used = -1;
    private long budget = -1;

    public SalesforceConnector(ApiHttp http, String baseUrl, String object, List<String> properties) {
        this(http, baseUrl, object, properties, 0.05);
    }

    /**
     * @param minRemaining the share of the org's daily API requests left to others: below it the run stops
     */
    SalesforceConnector(ApiHttp http, String baseUrl, String object, List<String> properties, double minRemaining) {
        this.http = http;
        this.base = baseUrl;
        this.sobject = SOBJECTS.get(object);
        if (sobject == null) {
            throw new IllegalArgumentException("no Salesforce object for " + object);
        }
        List<String> props = new ArrayList<>();
        for (String p : properties) {
            if (!p.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
                throw new IllegalArgumentException("api salesforce/" + object + ": '" + p + "' is not a Salesforce "
                        + "field name (Field or Relationship.Field, as the object's API names are spelled)");
            }
            if (!List.of("Id", "IsDeleted", "SystemModstamp").contains(p) && !props.contains(p)) {
                props.add(p);
            }
        }
        this.properties = List.copyOf(props);
        this.minRemaining = minRemaining;
        // the REST API has no per-second limit, only the daily budget and 25 concurrent long requests: one
        // partition reads one query at a time; 20 calls a second keeps a night's bursts polite
        this.limit = RateLimiter.of("salesforce", RateLimiterConfig.custom().limitForPeriod(20)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5)).build());
    }

    @Override
    public List<String> fields() {
        List<String> f = new ArrayList<>(List.of("id", "archived", "modified"));
        f.addAll(properties);
        if (sobject.equals("Opportunity")) {
            f.add("contactIds");
        }
        return f;
    }

    @Override
    public void start(Instant from, Instant to, String saved) {
        // SOQL date-time literals are to the second: the window's ends are cut to it (a record in the cut second
        // before `to` is read the next night, which starts at least that early)
        this.from = from == null ? null : from.truncatedTo(ChronoUnit.SECONDS);
        this.to = to.truncatedTo(ChronoUnit.SECONDS);
        this.next = null;
        this.done = false;
        this.afterTime = null;
        this.afterId = null;
        if (saved != null && !saved.isEmpty()) {
            String[] p = saved.split("\\|", -1);
            afterTime = p[0];
            afterId = p[1];
            Instant.parse(afterTime);
            if (!ID.matcher(afterId).matches()) {
                throw new IllegalArgumentException("not a Salesforce page state: " + saved);
            }
        }
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
        while (!done) {
            state = afterTime == null ? "" : afterTime + "|" + afterId;
            checkBudget();
            String url = next != null ? base + next
                    : base + "/services/data/" + VERSION + "/queryAll?q=" + enc(soql());
            JsonNode res = http.get(url, limit, this::limitInfo);
            List<ApiRecord> page = new ArrayList<>();
            for (JsonNode n : res.path("records")) {
                page.add(record(n));
            }
            next = res.path("done").asBoolean(true) ? null : res.path("nextRecordsUrl").asText(null);
            done = next == null;
            if (!page.isEmpty()) {
                ApiRecord last = page.get(page.size() - 1);
                afterTime = last.modified().toString();
                afterId = last.id();
                return page;
            }
        }
        return null;
    }

    /** SELECT COUNT() of the records not deleted (query, not queryAll): what the count audit compares with. */
    @Override
    public OptionalLong total() {
        checkBudget();
        String q = "SELECT COUNT() FROM " + sobject + (sobject.equals("CampaignMember") ? " WHERE HasResponded = true" : "");
        JsonNode res = http.get(base + "/services/data/" + VERSION + "/query?q=" + enc(q), limit, this::limitInfo);
        return OptionalLong.of(res.path("totalSize").asLong());
    }

    String soql() {
        StringBuilder q = new StringBuilder("SELECT Id, IsDeleted, SystemModstamp");
        for (String p : properties) {
            q.append(", ").append(p);
        }
        if (sobject.equals("Opportunity")) {
            q.append(", (SELECT ContactId, IsPrimary FROM OpportunityContactRoles ORDER BY IsPrimary DESC, CreatedDate, Id)");
        }
        q.append(" FROM ").append(sobject).append(" WHERE SystemModstamp < ").append(to);
        if (from != null) {
            q.append(" AND SystemModstamp >= ").append(from);
        }
        if (afterTime != null) {
            String t = Instant.parse(afterTime).truncatedTo(ChronoUnit.SECONDS).toString();
            q.append(" AND (SystemModstamp > ").append(t).append(" OR (SystemModstamp = ").append(t)
                    .append(" AND Id > '").append(afterId).append("'))");
        }
        if (sobject.equals("CampaignMember")) {
            q.append(" AND HasResponded = true");
        }
        return q.append(" ORDER BY SystemModstamp, Id").toString();
    }

    private ApiRecord record(JsonNode n) {
        Map<String, String> f = new LinkedHashMap<>();
        String id = n.path("Id").asText();
        f.put("id", id);
        f.put("archived", Boolean.toString(n.path("IsDeleted").asBoolean(false)));
        String raw = n.path("SystemModstamp").asText(null);
        Instant modified;
        try {
            modified = raw == null ? Instant.EPOCH : OffsetDateTime.parse(raw, SF_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(sobject + " " + id + ": SystemModstamp '" + raw + "' is not a Salesforce date-time",
                    false);
        }
        f.put("modified", modified.toString());
        for (String p : properties) {
            f.put(p, value(n, p));
        }
        if (sobject.equals("Opportunity")) {
            f.put("contactIds", contacts(n.path("OpportunityContactRoles")));
        }
        return new ApiRecord(id, modified, f);
    }

    /** A field, or a parent's field as Relationship.Field (null when the parent is empty). */
    private static String value(JsonNode n, String path) {
        JsonNode v = n;
        for (String part : path.split("\\.")) {
            v = v == null || v.isNull() ? null : field(v, part);
        }
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        String s = v.isContainerNode() ? v.toString() : v.asText();
        Matcher m = SF_TIME_VALUE.matcher(s);
        if (m.matches()) {
            String withMillis = m.group(1) == null ? s.substring(0, 19) + ".000" + s.substring(19) : s;
            try {
                return OffsetDateTime.parse(withMillis, SF_TIME).toInstant().toString();
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    /** The JSON keys are the API names' own spelling; a profile may spell them in another case. */
    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v != null) {
            return v;
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return n.get(k);
            }
        }
        return null;
    }

    /** The contact roles' contacts, the primary first; a subquery with more roles than a batch is read on. */
    private String contacts(JsonNode roles) {
        List<String> primary = new ArrayList<>();
        List<String> others = new ArrayList<>();
        JsonNode batch = roles;
        while (batch != null && !batch.isNull() && !batch.isMissingNode()) {
            for (JsonNode r : batch.path("records")) {
                String c = r.path("ContactId").asText(null);
                if (c == null || c.isEmpty() || primary.contains(c) || others.contains(c)) {
                    continue;
                }
                (r.path("IsPrimary").asBoolean(false) ? primary : others).add(c);
            }
            String more = batch.path("done").asBoolean(true) ? null : batch.path("nextRecordsUrl").asText(null);
            batch = more == null ? null : http.get(base + more, limit, this::limitInfo);
        }
        primary.addAll(others);
        return primary.isEmpty() ? null : String.join(";", primary);
    }

    private void limitInfo(HttpHeaders headers) {
        headers.firstValue("Sforce-Limit-Info").ifPresent(v -> {
            Matcher m = LIMIT_INFO.matcher(v);
            if (m.find()) {
                boolean first = budget < 0;
                used = Long.parseLong(m.group(1));
                budget = Long.parseLong(m.group(2));
                if (first) {
                    log.info("Salesforce {}: the org has used {} of its {} daily API requests", sobject, used, budget);
                } else {
                    log.debug("Salesforce {}: api-usage {}/{}", sobject, used, budget);
                }
            }
        });
    }

    private void checkBudget() {
        if (budget > 0 && budget - used < budget * minRemaining) {
            throw new ApiException("Salesforce: the org has used " + used + " of its " + budget + " API requests for "
                    + "the last 24 hours (Sforce-Limit-Info); stopping before less than "
                    + Math.round(minRemaining * 100) + " % is left for the org's other integrations. The run resumes "
                    + "from its last committed page on restart", false);
        }
    }

    /** The org's API usage seen last (used, limit), or -1s before the first answer. */
    long[] usage() {
        return new long[]{used, budget};
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
