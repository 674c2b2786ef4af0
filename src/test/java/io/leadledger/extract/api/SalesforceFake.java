package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Salesforce org over real HTTP (WireMock with a transformer answering from records in memory), in the shapes
 * of the REST API Developer Guide:
 * <ul>
 * <li>{@code POST /services/oauth2/token} (form: grant_type=client_credentials, client_id, client_secret) ->
 * {@code {"access_token","signature","instance_url","id","token_type":"Bearer","issued_at"}}; wrong credentials ->
 * 400 {@code {"error":"invalid_client","error_description":"invalid client credentials"}} ("OAuth 2.0 Client
 * Credentials Flow for Server-to-Server Integration");</li>
 * <li>{@code GET /services/data/vXX.X/queryAll?q=SOQL} and {@code /query?q=} -> {@code {"totalSize","done",
 * "nextRecordsUrl","records":[{"attributes":{"type","url"},"Id",...}]}}, the next batch at
 * {@code GET nextRecordsUrl}; parent fields as nested objects ({@code "Account":{"attributes":{...},"Name":...}}),
 * a child subquery as {@code {"totalSize","done","records":[...]}} or null ("Execute a SOQL Query",
 * "Execute a SOQL Query that Includes Deleted Items"); {@code SELECT COUNT()} -> totalSize with no records;</li>
 * <li>errors as a list {@code [{"message","errorCode"}]}: 401 INVALID_SESSION_ID "Session expired or invalid",
 * 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded." ("Status Codes and Error Responses");</li>
 * <li>every answer carries {@code Sforce-Limit-Info: api-usage=used/limit} ("Limit Info Header").</li>
 * </ul>
 * It understands the SOQL the connector writes (fields, one subquery, SystemModstamp bounds, the resume key,
 * HasResponded), not SOQL at large. Faults are queued per call: {@link #failNext}.
 */
public final class SalesforceFake implements AutoCloseable {

    public static final String CLIENT_ID = "3MVG9sfTestClientIdAAAAAAAAAAAAAAAAAAAAAAAAAA";
    public static final String CLIENT_SECRET = "E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2C3D4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    /** A record: fields by API name ("Account.Name" for a parent's), the contact roles of an opportunity. */
    public record Rec(String sobject, String id, Instant modstamp, boolean deleted, Map<String, Object> fields,
                      List<Role> roles) {
    }

    public record Role(String contactId, boolean primary) {
    }

    public final List<Rec> records = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<String> soql = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    public volatile int batchSize = 2000;
    public final AtomicLong apiUsed = new AtomicLong();
    public volatile long apiLimit = 100_000;
    public final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String token;
    /** Every token issued and not expired: each connector of a night holds its own, as each client session does. */
    private final java.util.Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Rec>> cursors = new ConcurrentHashMap<>();
    private final Map<String, List<String>> cursorFields = new ConcurrentHashMap<>();
    private final AtomicInteger cursorSeq = new AtomicInteger();
    private final WireMockServer server;

    public SalesforceFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new Answer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("salesforce")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * Queues a fault for the next API call: "500", "limit" (403 REQUEST_LIMIT_EXCEEDED), "expire" (the token), or
     * "none" (a call answered normally, to reach a later one).
     */
    public void failNext(String fault) {
        faults.add(fault);
    }

    /** Every access token issued expires: the next call with one is a 401 INVALID_SESSION_ID. */
    public void expireToken() {
        valid.clear();
    }

    public String token() {
        return token;
    }

    public void add(Rec r) {
        records.removeIf(x -> x.sobject().equals(r.sobject()) && x.id().equals(r.id()));
        records.add(r);
    }

    public void add(String sobject, String id, Instant modstamp, Map<String, Object> fields) {
        add(new Rec(sobject, id, modstamp, false, fields, List.of()));
    }

    /** A Salesforce-like id: the object's key prefix, then a number, 18 characters. */
    public static String id(String prefix, long n) {
        return prefix + String.format("%012dAAA", n);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Answer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "salesforce";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var req = event.getRequest();
            String path = req.getUrl().replaceFirst("\\?.*", "");
            calls.add(req.getMethod() + " " + path);
            try {
                if (path.equals("/services/oauth2/token")) {
                    return tokenAnswer(req.getBodyAsString());
                }
                apiUsed.incrementAndGet();
                String fault = faults.poll();
                if ("expire".equals(fault)) {
                    expireToken();
                }
                String auth = req.getHeader("Authorization");
                if (auth == null || !auth.startsWith("Bearer ") || !valid.contains(auth.substring(7))) {
                    return error(401, "Session expired or invalid", "INVALID_SESSION_ID");
                }
                if ("limit".equals(fault)) {
                    return error(403, "TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED");
                }
                if ("500".equals(fault)) {
                    return error(503, "Server temporarily unavailable", "SERVER_UNAVAILABLE");
                }
                Matcher next = Pattern.compile("/services/data/v[0-9.]+/(query|queryAll)/(01g[^-]+)-(\\d+)").matcher(path);
                if (next.matches()) {
                    return ok(batch(next.group(1), next.group(2), Integer.parseInt(next.group(3))));
                }
                Matcher q = Pattern.compile("/services/data/(v[0-9.]+)/(query|queryAll)").matcher(path);
                if (q.matches()) {
                    String soqlText = URLDecoder.decode(req.queryParameter("q").firstValue(), StandardCharsets.UTF_8);
                    soql.add(soqlText);
                    return ok(query(q.group(1), q.group(2).equals("queryAll"), soqlText));
                }
                return error(404, "The requested resource does not exist", "NOT_FOUND");
            } catch (Exception e) {
                return error(500, "fake: " + e, "UNKNOWN_EXCEPTION");
            }
        }
    }

    private ResponseDefinition tokenAnswer(String form) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : form.split("&")) {
            String[] x = kv.split("=", 2);
            p.put(x[0], URLDecoder.decode(x.length > 1 ? x[1] : "", StandardCharsets.UTF_8));
        }
        if (!"client_credentials".equals(p.get("grant_type")) || !CLIENT_ID.equals(p.get("client_id"))
                || !CLIENT_SECRET.equals(p.get("client_secret"))) {
            return new ResponseDefinitionBuilder().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}").build();
        }
        token = "00DFAKE000000000001!AQ4AQ" + tokensIssued.incrementAndGet() + "xYzTokenValue";
        valid.add(token);
        ObjectNode n = JSON.createObjectNode();
        n.put("access_token", token).put("signature", "c2lnbmF0dXJl").put("scope", "api")
                .put("instance_url", url()).put("id", url() + "/id/00DFAKE000000000001/005FAKE000000000001")
                .put("token_type", "Bearer").put("issued_at", Long.toString(System.currentTimeMillis()));
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(n.toString()).build();
    }

    private String query(String version, boolean all, String q) {
        Matcher count = Pattern.compile("SELECT COUNT\\(\\) FROM (\\w+)( WHERE HasResponded = true)?").matcher(q);
        if (count.matches()) {
            long n = records.stream().filter(r -> r.sobject().equals(count.group(1)) && !r.deleted()
                    && (count.group(2) == null || Boolean.TRUE.equals(r.fields().get("HasResponded")))).count();
            ObjectNode res = JSON.createObjectNode();
            res.put("totalSize", n).put("done", true).putArray("records");
            return res.toString();
        }
        Matcher m = Pattern.compile("SELECT (.+?)(, \\(SELECT ContactId, IsPrimary FROM OpportunityContactRoles[^)]*\\))? "
                + "FROM (\\w+) WHERE (.+) ORDER BY SystemModstamp, Id").matcher(q);
        if (!m.matches()) {
            throw new IllegalArgumentException("the fake does not understand " + q);
        }
        List<String> fields = List.of(m.group(1).split(", "));
        String sobject = m.group(3);
        String where = m.group(4);
        Predicate<Rec> match = r -> r.sobject().equals(sobject) && (all || !r.deleted());
        Matcher lt = Pattern.compile("SystemModstamp < (\\S+Z)").matcher(where);
        if (lt.find()) {
            Instant t = Instant.parse(lt.group(1));
            match = match.and(r -> r.modstamp().isBefore(t));
        }
        Matcher ge = Pattern.compile("SystemModstamp >= (\\S+Z)").matcher(where);
        if (ge.find()) {
            Instant t = Instant.parse(ge.group(1));
            match = match.and(r -> !r.modstamp().isBefore(t));
        }
        Matcher after = Pattern.compile("\\(SystemModstamp > (\\S+Z) OR \\(SystemModstamp = (\\S+Z) AND Id > '(\\w+)'\\)\\)")
                .matcher(where);
        if (after.find()) {
            Instant t = Instant.parse(after.group(1));
            String id = after.group(3);
            match = match.and(r -> r.modstamp().isAfter(t) || r.modstamp().equals(t) && r.id().compareTo(id) > 0);
        }
        if (where.contains("HasResponded = true")) {
            match = match.and(r -> Boolean.TRUE.equals(r.fields().get("HasResponded")));
        }
        List<Rec> hits = records.stream().filter(match)
                .sorted(Comparator.comparing(Rec::modstamp).thenComparing(Rec::id)).toList();
        String cursor = "01gFAKE" + cursorSeq.incrementAndGet();
        cursors.put(cursor, hits);
        List<String> f = new ArrayList<>(fields);
        if (m.group(2) != null) {
            f.add("OpportunityContactRoles");
        }
        cursorFields.put(cursor, f);
        return batch(all ? "queryAll" : "query", cursor, 0, version);
    }

    private String batch(String kind, String cursor, int offset) {
        return batch(kind, cursor, offset, "v62.0");
    }

    private String batch(String kind, String cursor, int offset, String version) {
        List<Rec> hits = cursors.get(cursor);
        if (hits == null) {
            throw new IllegalStateException("no such query locator " + cursor);
        }
        ObjectNode res = JSON.createObjectNode();
        res.put("totalSize", hits.size());
        int end = Math.min(hits.size(), offset + batchSize);
        res.put("done", end >= hits.size());
        if (end < hits.size()) {
            res.put("nextRecordsUrl", "/services/data/" + version + "/" + kind + "/" + cursor + "-" + end);
        }
        ArrayNode out = res.putArray("records");
        for (int i = offset; i < end; i++) {
            out.add(node(hits.get(i), cursorFields.get(cursor), version));
        }
        return res.toString();
    }

    private ObjectNode node(Rec r, List<String> fields, String version) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("attributes").put("type", r.sobject())
                .put("url", "/services/data/" + version + "/sobjects/" + r.sobject() + "/" + r.id());
        for (String f : fields) {
            switch (f) {
                case "Id" -> n.put("Id", r.id());
                case "IsDeleted" -> n.put("IsDeleted", r.deleted());
                case "SystemModstamp" -> n.put("SystemModstamp", SF_TIME.format(r.modstamp()));
                case "OpportunityContactRoles" -> {
                    if (r.roles().isEmpty()) {
                        n.putNull(f);
                    } else {
                        ObjectNode sub = n.putObject(f);
                        sub.put("totalSize", r.roles().size()).put("done", true);
                        ArrayNode rs = sub.putArray("records");
                        // Salesforce's own order is not the primary first: the connector sorts
                        List<Role> roles = new ArrayList<>(r.roles());
                        java.util.Collections.reverse(roles);
                        for (Role role : roles) {
                            ObjectNode o = rs.addObject();
                            o.putObject("attributes").put("type", "OpportunityContactRole");
                            o.put("ContactId", role.contactId()).put("IsPrimary", role.primary());
                        }
                    }
                }
                default -> put(n, r, f);
            }
        }
        return n;
    }

    /** A field, or a parent's ("Account.Name" -> {"Account":{"attributes":{...},"Name":...}}, null when unset). */
    private static void put(ObjectNode n, Rec r, String f) {
        Object v = r.fields().get(f);
        int dot = f.indexOf('.');
        if (dot > 0) {
            String rel = f.substring(0, dot);
            if (v == null) {
                if (!n.has(rel)) {
                    n.putNull(rel);
                }
                return;
            }
            ObjectNode parent = n.has(rel) && n.get(rel).isObject() ? (ObjectNode) n.get(rel) : n.putObject(rel);
            if (!parent.has("attributes")) {
                parent.putObject("attributes").put("type", rel);
            }
            n.set(rel, parent);
            putValue(parent, f.substring(dot + 1), v);
            return;
        }
        putValue(n, f, v);
    }

    private static void putValue(ObjectNode n, String f, Object v) {
        if (v == null) {
            n.putNull(f);
        } else if (v instanceof Boolean b) {
            n.put(f, b);
        } else if (v instanceof Number x) {
            n.put(f, x.doubleValue());
        } else if (v instanceof Instant t) {
            n.put(f, SF_TIME.format(t));
        } else {
            n.put(f, v.toString());
        }
    }

    private ResponseDefinition ok(String body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + apiLimit).withBody(body).build();
    }

    private ResponseDefinition error(int status, String message, String code) {
        ArrayNode a = JSON.createArrayNode();
        a.addObject().put("message", message).put("errorCode", code);
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + apiLimit).withBody(a.toString())
                .build();
    }
}
