package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Marketo Engage REST API (Lead Database), leads or activities, as its public reference documents it. Every
 * answer is HTTP 200 with {@code {"requestId", "success", "result":[...], "nextPageToken", "moreResult"}} or, on
 * failure, {@code "success":false, "errors":[{"code","message"}]}; the codes are handled here (see {@link #call}).
 * <ul>
 * <li>Activities (touches): {@code GET /rest/v1/activities/pagingtoken.json?sinceDatetime=} gives the token of
 * the watermark's instant, then {@code GET /rest/v1/activities.json?nextPageToken=&activityTypeIds=} pages
 * forward (300 a page, {@code moreResult}) through the activity types that are marketing touches
 * ({@link #DEFAULT_TOUCH_TYPES}); activities at or after the window's end stop the read. A full load starts
 * {@link #ACTIVITY_HISTORY} before the window's end (Marketo keeps little activity history beyond it).</li>
 * <li>Leads: the API has no "leads changed since" list. Changes since the watermark are the lead ids of the
 * activities New Lead (12), Change Data Value (13), Merge Leads (32) and Delete Lead (37) in the window, gathered
 * first, then read in id order with {@code GET /rest/v1/leads.json?filterType=id&filterValues=} (300 ids a call),
 * each lead once. A deleted lead arrives archived; a merge gives the survivor the losers' ids (mergedIds) and the
 * losers arrive archived. The resume point is the position in those ids (a restart gathers the window's
 * activities again: the window is fixed, so they are the same). A full
 * load asks for ids 1..300, 301..600... and stops after a run of blocks with no lead ({@link #EMPTY_BLOCKS}, i.e. 30,000 ids, unless
 * {@code leadledger.api.marketo-id-gap} says otherwise).</li>
 * </ul>
 * Limits: 100 calls per 20 s and 50,000 a day per instance (the rate limiter is the instance's, shared by its
 * sources); error 606 waits 20 s, 615/604/608/611/713 are retried with backoff, 607 (daily quota) fails at once.
 */
public final class MarketoConnector implements ApiConnector {

    static final int PAGE = 300;
    /** New Lead, Change Data Value, Merge Leads, Delete Lead: the activities that change a lead. */
    static final List<Integer> LEAD_CHANGES = List.of(12, 13, 32, 37);
    /**
     * Fill Out Form (2), Click Email (11), Change Status in Progression (104, a program status reached; only
     * those Marketo flags as the program's success): a person's own act towards a campaign. Opens (privacy
     * proxies open every mail), web visits and sends are not touches.
     */
    public static final List<Integer> DEFAULT_TOUCH_TYPES = List.of(2, 11, 104);
    static final int PROGRAM_STATUS = 104;
    static final int EMPTY_BLOCKS = 100;
    static final Duration ACTIVITY_HISTORY = Duration.ofDays(25 * 31);
    /** Names of Marketo's standard activity types (activities.json gives only the id). */
    static final Map<Integer, String> TYPE_NAMES = Map.ofEntries(Map.entry(1, "Visit Webpage"),
            Map.entry(2, "Fill Out Form"), Map.entry(3, "Click Link"), Map.entry(6, "Send Email"),
            Map.entry(7, "Email Delivered"), Map.entry(9, "Unsubscribe Email"), Map.entry(10, "Open Email"),
            Map.entry(11, "Click Email"), Map.entry(12, "New Lead"), Map.entry(13, "Change Data Value"),
            Map.entry(32, "Merge Leads"), Map.entry(34, "Add to Opportunity"), Map.entry(37, "Delete Lead"),
            Map.entry(46, "Interesting Moment"), Map.entry(104, "Change Status in Progression"));
    /** The fields of an activity record; any other mapped name is read from the activity's attributes. */
    static final List<String> ACTIVITY_FIELDS = List.of("id", "archived", "modified", "leadId", "activityDate",
            "activityTypeId", "activityType", "primaryAttributeValue", "primaryAttributeValueId", "campaignId");
    /** The fields every lead record has beside the Marketo fields the mapping asks for. */
    static final List<String> LEAD_FIELDS = List.of("id", "archived", "modified", "mergedIds");

    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private enum Phase { TOKEN, ACTIVITIES, CHANGES, IDS, DONE }

    private final ApiHttp http;
    private final String base;
    private final boolean leads;
    private final List<String> properties;
    private final List<Integer> types;
    private final RateLimiter limit;
    private final Retry retry;
    private final int emptyBlocks;
    private final long rateWaitMillis;

    private Instant since;
    private Instant to;
    private Phase phase;
    private String token;  // ACTIVITIES: the paging token of the next page
    private long nextId;   // IDS: the first id of the next block
    private int empty;     // IDS: blocks in a row without a lead
    private int offset;    // CHANGES: the position in the night's changed ids of the next page
    private String state;
    // leads changed in the window, gathered from its change activities before any lead is read
    private final Set<Long> changed = new TreeSet<>();
    private final Map<Long, Instant> gone = new HashMap<>();
    private final Map<Long, Set<Long>> merged = new HashMap<>();
    private List<Long> changedIds;
    private Map<Integer, String> typeNames; // the instance's own, read once when a type is not a standard one

    /**
     * @param limit      the instance's limiter (100 calls per 20 s), shared by its sources
     * @param touchTypes the activity type ids read as touches (activities only)
     */
    public MarketoConnector(ApiHttp http, String baseUrl, String object, List<String> properties, RateLimiter limit,
                            List<Integer> touchTypes, int attempts, Duration firstBackoff) {
        this(http, baseUrl, object, properties, limit, touchTypes, attempts, firstBackoff, Duration.ofSeconds(20),
                EMPTY_BLOCKS);
    }

    /**
     * @param rateWait    the wait after a 606 (Marketo says 20 s; tests shrink it)
     * @param emptyBlocks a full load of leads stops after this many blocks of ids in a row without a lead
     */
    public MarketoConnector(ApiHttp http, String baseUrl, String object, List<String> properties, RateLimiter limit,
                            List<Integer> touchTypes, int attempts, Duration firstBackoff, Duration rateWait,
                            int emptyBlocks) {
        this.http = http;
        this.base = baseUrl;
        this.leads = object.equals("leads");
        this.types = leads ? LEAD_CHANGES : List.copyOf(touchTypes);
        if (types.isEmpty() || types.size() > 10) {
            throw new IllegalArgumentException("api.activityTypeIds: give 1 to 10 Marketo activity type ids (Marketo reads "
                    + "at most 10 types at once)");
        }
        List<String> fixed = leads ? LEAD_FIELDS : ACTIVITY_FIELDS;
        this.properties = properties.stream().filter(p -> !fixed.contains(p)).distinct().toList();
        this.limit = limit;
        this.emptyBlocks = emptyBlocks;
        IntervalBiFunction<Object> wait = (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof Refused r && r.retryAfterMillis() >= 0) {
                return r.retryAfterMillis();
            }
            return Math.min(60_000L, firstBackoff.toMillis() << Math.min(16, attempt - 1));
        };
        this.rateWaitMillis = rateWait.toMillis();
        this.retry = Retry.of("marketo", RetryConfig.custom().maxAttempts(attempts).intervalBiFunction(wait)
                .retryOnException(e -> e instanceof Refused r && r.retryable()).build());
    }

    @Override
    public List<String> fields() {
        List<String> f = new ArrayList<>(leads ? LEAD_FIELDS : ACTIVITY_FIELDS);
        f.addAll(properties);
        return f;
    }

    @Override
    public void start(Instant from, Instant to, String saved) {
        this.to = to;
        this.since = from != null ? from : leads ? null : to.minus(ACTIVITY_HISTORY);
        changed.clear();
        gone.clear();
        merged.clear();
        changedIds = null;
        token = null;
        nextId = 1;
        empty = 0;
        offset = 0;
        phase = leads && from == null ? Phase.IDS : Phase.TOKEN;
        if (saved != null) {
            String[] p = saved.split("\\|", -1);
            switch (Phase.valueOf(p[0])) {
                case ACTIVITIES -> {
                    phase = Phase.ACTIVITIES;
                    token = p[1];
                }
                // the window's change activities are gathered again (the same, the window being fixed), then
                // the leads read from the position saved
                case CHANGES -> offset = Integer.parseInt(p[1]);
                default -> {
                    phase = Phase.IDS;
                    nextId = Long.parseLong(p[1]);
                    empty = Integer.parseInt(p[2]);
                }
            }
        }
    }

    @Override
    public String pageState() {
        return state;
    }

    /** REST calls (retries included): the ones Marketo's limits count; the identity calls for tokens are not. */
    @Override
    public long calls() {
        return http.calls();
    }

    @Override
    public List<ApiRecord> nextPage() {
        while (phase != Phase.DONE) {
            List<ApiRecord> page = switch (phase) {
                case TOKEN -> {
                    token = call(base + "/rest/v1/activities/pagingtoken.json?sinceDatetime=" + enc(since.toString()))
                            .path("nextPageToken").asText();
                    phase = Phase.ACTIVITIES;
                    yield List.of();
                }
                case ACTIVITIES -> activityPage();
                case CHANGES -> changesPage();
                case IDS -> idBlock();
                case DONE -> List.of();
            };
            if (!page.isEmpty()) {
                return page;
            }
        }
        return null;
    }

    /** One page of activities: as touches, or (leads) gathered as the leads they changed, returning nothing. */
    private List<ApiRecord> activityPage() {
        if (!leads) {
            state = Phase.ACTIVITIES + "|" + token;
        }
        JsonNode res = call(base + "/rest/v1/activities.json?nextPageToken=" + enc(token) + "&activityTypeIds="
                + types.stream().map(String::valueOf).collect(Collectors.joining(",")));
        List<JsonNode> acts = new ArrayList<>();
        boolean past = false;
        for (JsonNode a : res.path("result")) {
            if (!instant(a.path("activityDate").asText()).isBefore(to)) {
                past = true; // ascending by date: the rest is after the window too
                break;
            }
            acts.add(a);
        }
        String next = res.path("nextPageToken").asText("");
        if (past || !res.path("moreResult").asBoolean(false) || next.isEmpty()) {
            phase = leads ? Phase.CHANGES : Phase.DONE;
        } else {
            token = next;
        }
        if (leads) {
            gather(acts);
            return List.of();
        }
        return touches(acts);
    }

    private List<ApiRecord> touches(List<JsonNode> acts) {
        List<ApiRecord> page = new ArrayList<>();
        for (JsonNode a : acts) {
            int type = a.path("activityTypeId").asInt();
            if (!types.contains(type) || type == PROGRAM_STATUS && "false".equalsIgnoreCase(attribute(a, "Success"))) {
                continue; // a program status that is not the program's success is no touch
            }
            Map<String, String> f = new LinkedHashMap<>();
            String guid = text(a.get("marketoGUID"));
            String id = guid != null ? guid : text(a.get("id"));
            String at = a.path("activityDate").asText();
            f.put("id", id);
            f.put("archived", "false");
            f.put("modified", at);
            f.put("leadId", text(a.get("leadId")));
            f.put("activityDate", at);
            f.put("activityTypeId", Integer.toString(type));
            f.put("activityType", typeName(type));
            f.put("primaryAttributeValue", text(a.get("primaryAttributeValue")));
            f.put("primaryAttributeValueId", text(a.get("primaryAttributeValueId")));
            f.put("campaignId", text(a.get("campaignId")));
            for (String name : properties) {
                f.put(name, attribute(a, name));
            }
            page.add(new ApiRecord(id, instant(at), f));
        }
        return page;
    }

    /**
     * The activity type's name: a standard one from {@link #TYPE_NAMES}, any other (a custom activity, an event
     * partner's) from the instance's {@code GET /rest/v1/activities/types.json}, asked once per connector.
     */
    private String typeName(int type) {
        String known = TYPE_NAMES.get(type);
        if (known != null) {
            return known;
        }
        if (typeNames == null) {
            Map<Integer, String> m = new HashMap<>();
            for (JsonNode t : call(base + "/rest/v1/activities/types.json").path("result")) {
                m.put(t.path("id").asInt(), t.path("name").asText());
            }
            typeNames = m;
        }
        return typeNames.getOrDefault(type, "Activity type " + type);
    }

    /**
     * Notes the leads a page of change activities names: changed, deleted (Delete Lead), or merged (Merge Leads: the
     * survivor changed, the merged-away ids gone and remembered as the survivor's). Gathered over the whole window
     * first, so that each lead is read once a night, as it is at the end, a deletion winning over earlier changes.
     */
    private void gather(List<JsonNode> acts) {
        for (JsonNode a : acts) {
            long lead = a.path("leadId").asLong();
            Instant at = instant(a.path("activityDate").asText());
            switch (a.path("activityTypeId").asInt()) {
                case 37 -> gone.put(lead, at);
                case 32 -> {
                    changed.add(lead);
                    Matcher m = DIGITS.matcher(String.valueOf(attribute(a, "Merge ids")));
                    while (m.find()) {
                        long lost = Long.parseLong(m.group());
                        if (lost != lead) {
                            merged.computeIfAbsent(lead, k -> new TreeSet<>()).add(lost);
                            gone.put(lost, at);
                        }
                    }
                }
                default -> changed.add(lead);
            }
        }
    }

    /**
     * The next 300 of the night's changed leads in id order, as they are now; deleted and merged-away ones archived
     * (Marketo no longer returns them); a survivor with the ids merged into it.
     */
    private List<ApiRecord> changesPage() {
        if (changedIds == null) {
            Set<Long> all = new TreeSet<>(changed);
            all.addAll(gone.keySet());
            changedIds = List.copyOf(all);
        }
        state = Phase.CHANGES + "|" + offset;
        List<Long> slice = changedIds.subList(Math.min(offset, changedIds.size()),
                Math.min(offset + PAGE, changedIds.size()));
        offset += slice.size();
        if (offset >= changedIds.size()) {
            phase = Phase.DONE;
        }
        Set<Long> ask = new TreeSet<>(slice);
        ask.removeAll(gone.keySet());
        Map<Long, ApiRecord> page = new TreeMap<>();
        for (ApiRecord r : fetchLeads(ask)) {
            long id = Long.parseLong(r.id());
            Set<Long> lost = merged.get(id);
            if (lost != null) {
                r.fields().put("mergedIds", lost.stream().map(String::valueOf).collect(Collectors.joining(";")));
            }
            page.put(id, r);
        }
        for (long id : slice) {
            if (gone.containsKey(id)) {
                page.put(id, deleted(id, gone.get(id)));
            }
        }
        return new ArrayList<>(page.values());
    }

    /** A full load: the next block of 300 ids that holds a lead. */
    private List<ApiRecord> idBlock() {
        state = Phase.IDS + "|" + nextId + "|" + empty;
        Set<Long> ids = new TreeSet<>();
        for (long i = nextId; i < nextId + PAGE; i++) {
            ids.add(i);
        }
        nextId += PAGE;
        List<ApiRecord> page = fetchLeads(ids);
        empty = page.isEmpty() ? empty + 1 : 0;
        if (empty >= emptyBlocks) {
            phase = Phase.DONE;
        }
        page.sort(Comparator.comparingLong(r -> Long.parseLong(r.id())));
        return page;
    }

    private List<ApiRecord> fetchLeads(Set<Long> ids) {
        List<ApiRecord> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> ask = new ArrayList<>(properties);
        if (!ask.contains("updatedAt")) {
            ask.add("updatedAt");
        }
        JsonNode res = call(base + "/rest/v1/leads.json?filterType=id&filterValues="
                + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + "&fields=" + enc(String.join(",", ask)));
        for (JsonNode n : res.path("result")) {
            Map<String, String> f = new LinkedHashMap<>();
            String id = n.path("id").asText();
            String modified = text(n.get("updatedAt"));
            f.put("id", id);
            f.put("archived", "false");
            f.put("modified", modified);
            f.put("mergedIds", null);
            for (String p : properties) {
                f.put(p, text(n.get(p)));
            }
            out.add(new ApiRecord(id, modified == null ? Instant.EPOCH : instant(modified), f));
        }
        return out;
    }

    /**
     * A lead Marketo no longer has. Its createdAt (and updatedAt) is the time it went, only so that the row is
     * not refused for lacking one: an archived lead counts nowhere.
     */
    private ApiRecord deleted(long id, Instant at) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", Long.toString(id));
        f.put("archived", "true");
        f.put("modified", at.toString());
        f.put("mergedIds", null);
        for (String p : properties) {
            f.put(p, p.equals("createdAt") || p.equals("updatedAt") ? at.toString() : null);
        }
        return new ApiRecord(Long.toString(id), at, f);
    }

    /**
     * One call, its Marketo error codes handled: 601/602 (token invalid/expired) renew the token and ask again
     * once; 606 (more than 100 calls in 20 s) waits the 20 s; 615 (more than 10 at once) and the transient
     * 604/608/611/713 are asked again with backoff; 607 (the day's quota) and anything else fail with the code.
     */
    private JsonNode call(String url) {
        String where = url.replaceFirst("\\?.*", "");
        boolean[] renewed = {false};
        return Retry.decorateSupplier(retry, () -> {
            JsonNode res = http.get(url, limit);
            if (res.path("success").asBoolean(false)) {
                return res;
            }
            JsonNode err = res.path("errors").path(0);
            String code = err.path("code").asText("none");
            String says = http.hideSecrets(err.path("message").asText("no message")).replaceAll("\\s+", " ").strip();
            String what = where + ": Marketo error " + code + " (" + says + ")";
            switch (code) {
                case "601", "602" -> {
                    if (renewed[0]) {
                        throw new Refused(what + ": refused the access token again after renewing it", false, -1);
                    }
                    renewed[0] = true;
                    http.renewAuth();
                    throw new Refused(what + ": renewed the access token", true, 0);
                }
                case "606" -> throw new Refused(what + ": over 100 calls in 20 s", true, rateWaitMillis);
                case "615", "604", "608", "611", "713" -> throw new Refused(what + ": asked again", true, -1);
                case "607" -> throw new Refused(what + ": the instance's daily API quota (50,000 calls unless Marketo "
                        + "raised it) is used up; it resets at midnight US Central time; the next run resumes", false, -1);
                default -> throw new Refused(what, false, -1);
            }
        }).get();
    }

    /** A Marketo error in a 200 answer: retried by {@link #call}'s own Retry, not ApiHttp's. */
    private static final class Refused extends ApiException {
        Refused(String message, boolean retryable, long waitMillis) {
            super(message, retryable, waitMillis, null);
        }
    }

    /** An activity attribute's value by name (e.g. "Success", "Merge ids"), null if absent. */
    private static String attribute(JsonNode a, String name) {
        for (JsonNode x : a.path("attributes")) {
            if (name.equalsIgnoreCase(x.path("name").asText())) {
                return text(x.get("value"));
            }
        }
        return null;
    }

    /** Marketo writes "2026-11-02T07:30:00Z", and in places "2026-11-02T07:30:00+0000". */
    static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, COMPACT_OFFSET).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ApiException("marketo: the date-time '" + s + "' is not ISO-8601", false);
            }
        }
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? null : v.isContainerNode() ? v.toString() : v.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
