package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Marketo Engage instance over real HTTP, in the shapes of Marketo's REST API reference (developers.marketo.com /
 * Adobe Experience League, "Authentication", "Lead Database: Leads, Activities", "Error Codes"):
 * <ul>
 * <li>{@code GET /identity/oauth/token?grant_type=client_credentials&client_id=&client_secret=} ->
 * {@code {"access_token","token_type":"bearer","expires_in","scope"}}; bad credentials -> HTTP 401
 * {@code {"error":"unauthorized","error_description":...}}.</li>
 * <li>Every REST answer is HTTP 200 with {@code requestId} and {@code success}; a failure is
 * {@code "success":false,"errors":[{"code":"601","message":"Access token invalid"}]} (602 expired, 606 rate
 * limit, 607 daily quota, 615 concurrency...).</li>
 * <li>{@code GET /rest/v1/activities/pagingtoken.json?sinceDatetime=} -> {@code {"nextPageToken"}};
 * {@code GET /rest/v1/activities.json?nextPageToken=&activityTypeIds=} -> up to 300 activities
 * {@code {"id","marketoGUID","leadId","activityDate","activityTypeId","campaignId","primaryAttributeValueId",
 * "primaryAttributeValue","attributes":[{"name","value"}]}} in date order, {@code nextPageToken},
 * {@code moreResult}; {@code result} is left out when a page is empty.</li>
 * <li>{@code GET /rest/v1/leads.json?filterType=id&filterValues=&fields=} -> the leads with those ids (up to 300),
 * {@code id} and the fields asked for.</li>
 * </ul>
 * Paging tokens here are a position in the activity log (opaque to the client, as Marketo's are).
 */
public final class MarketoFake implements AutoCloseable {

    public static final String CLIENT_ID = "3f9b8a62-7d1c-4e5a-9b0f-2c6d8e1a4b7c";
    public static final String CLIENT_SECRET = "Zq8VnX2rT5wLk9PbM4sHcJ7dF1gYe6Ua";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Lead(long id, Instant updatedAt, Map<String, Object> fields) {
    }

    public record Activity(long id, long leadId, Instant at, int type, String primary, Map<String, Object> attributes) {
    }

    public final Map<Long, Lead> leads = new ConcurrentHashMap<>();
    public final List<Activity> activities = new CopyOnWriteArrayList<>();
    /** Method and path with its query of every call; identity calls without their query (it holds the secret). */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Marketo error codes to answer the next REST calls with, one each ("602" also expires the current token). */
    public final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    /** The instance's activity types beyond the standard ones, by id (activities/types.json). */
    public final Map<Integer, String> typeNames = new ConcurrentHashMap<>();
    /** A Marketo error code to answer the n-th REST call with (counted from 1 over the fake's life; retries count). */
    public final Map<Integer, String> faultOnCall = new ConcurrentHashMap<>();
    private final AtomicInteger restCalls = new AtomicInteger();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final WireMockServer server;

    public MarketoFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new Answer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("marketo")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public void lead(long id, Instant updatedAt, Map<String, Object> fields) {
        leads.put(id, new Lead(id, updatedAt, fields));
    }

    public void activity(long id, long leadId, Instant at, int type, String primary, Map<String, Object> attributes) {
        activities.add(new Activity(id, leadId, at, type, primary, attributes));
    }

    /** REST calls answered so far (identity calls not counted). */
    public int restCalls() {
        return restCalls.get();
    }

    /** Tokens handed out so far. */
    public int tokensIssued() {
        return issued.get();
    }

    public List<String> tokens() {
        List<String> t = new ArrayList<>(valid);
        t.addAll(expired);
        return t;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Answer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "marketo";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request req = event.getRequest();
            String path = req.getUrl().replaceFirst("\\?.*", "");
            if (path.equals("/identity/oauth/token")) {
                calls.add(req.getMethod() + " " + path);
                return identity(req);
            }
            calls.add(req.getMethod() + " " + req.getUrl());
            String auth = req.getHeader("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
            if (expired.contains(token)) {
                return error("602", "Access token expired");
            }
            if (!valid.contains(token)) {
                return error("601", "Access token invalid");
            }
            String fault = faultOnCall.remove(restCalls.incrementAndGet());
            fault = fault != null ? fault : faults.poll();
            if (fault != null) {
                return switch (fault) {
                    case "602" -> {
                        valid.remove(token);
                        expired.add(token);
                        yield error("602", "Access token expired");
                    }
                    case "606" -> error("606", "Max rate limit '100' exceeded with in '20' secs");
                    case "607" -> error("607", "Daily quota reached");
                    case "615" -> error("615", "Concurrent access limit reached");
                    case "604" -> error("604", "Request time-out");
                    // not Marketo's own: what the network or a proxy in front of it may do
                    case "503" -> json(503, "<html><body>Service Unavailable</body></html>");
                    case "truncated" -> json(200, "{\"requestId\":\"e42b#14272d07d78\",\"success\":true,\"result\":[{\"id\":");
                    default -> error(fault, "Fault " + fault);
                };
            }
            return switch (path) {
                case "/rest/v1/activities/pagingtoken.json" -> pagingToken(req);
                case "/rest/v1/activities.json" -> activities(req);
                case "/rest/v1/leads.json" -> leads(req);
                case "/rest/v1/activities/types.json" -> types();
                default -> ok(JSON.createObjectNode());
            };
        }

        private ResponseDefinition identity(Request req) {
            if (!"client_credentials".equals(q(req, "grant_type")) || !CLIENT_ID.equals(q(req, "client_id"))
                    || !CLIENT_SECRET.equals(q(req, "client_secret"))) {
                return json(401, "{\"error\":\"unauthorized\",\"error_description\":\"Bad client credentials\"}");
            }
            String token = "cdf01657-110d-4155-99a7-f986b2ff13a" + issued.incrementAndGet() + ":int";
            valid.add(token);
            ObjectNode n = JSON.createObjectNode();
            n.put("access_token", token);
            n.put("token_type", "bearer");
            n.put("expires_in", 3599);
            n.put("scope", "apis@acmeinc.com");
            return json(200, n.toString());
        }

        private List<Activity> log() {
            return activities.stream().sorted(Comparator.comparing(Activity::at).thenComparingLong(Activity::id)).toList();
        }

        private ResponseDefinition pagingToken(Request req) {
            Instant since = Instant.parse(q(req, "sinceDatetime"));
            List<Activity> log = log();
            int pos = 0;
            while (pos < log.size() && log.get(pos).at().isBefore(since)) {
                pos++;
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("nextPageToken", token(pos));
            return ok(n);
        }

        private ResponseDefinition activities(Request req) {
            String types = q(req, "activityTypeIds");
            if (types == null || q(req, "nextPageToken") == null) {
                return error("1003", "Missing nextPageToken or activityTypeIds");
            }
            Set<Integer> wanted = Arrays.stream(types.split(",")).map(Integer::parseInt).collect(Collectors.toSet());
            if (wanted.size() > 10) {
                return error("1003", "Too many activityTypeIds (max 10)");
            }
            int pos = Integer.parseInt(new String(Base64.getDecoder().decode(q(req, "nextPageToken")), StandardCharsets.UTF_8));
            List<Activity> log = log();
            ArrayNode result = JSON.createArrayNode();
            while (pos < log.size() && result.size() < 300) {
                Activity a = log.get(pos++);
                if (!wanted.contains(a.type())) {
                    continue;
                }
                ObjectNode n = result.addObject();
                n.put("id", a.id());
                n.put("marketoGUID", Long.toString(a.id()));
                n.put("leadId", a.leadId());
                n.put("activityDate", a.at().toString());
                n.put("activityTypeId", a.type());
                n.put("campaignId", 1000 + a.type());
                n.put("primaryAttributeValueId", 500 + a.type());
                n.put("primaryAttributeValue", a.primary());
                ArrayNode attrs = n.putArray("attributes");
                a.attributes().forEach((k, v) -> attrs.addObject().put("name", k).putPOJO("value", v));
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("nextPageToken", token(pos));
            n.put("moreResult", pos < log.size());
            if (!result.isEmpty()) {
                n.set("result", result);
            }
            return ok(n);
        }

        /** {@code result: [{"id","name","description","primaryAttribute":{"name","dataType"},"attributes":[...]}]} */
        private ResponseDefinition types() {
            ArrayNode result = JSON.createArrayNode();
            typeNames.forEach((id, name) -> {
                ObjectNode t = result.addObject();
                t.put("id", id);
                t.put("name", name);
                t.put("description", name);
                t.putObject("primaryAttribute").put("name", "Program").put("dataType", "integer");
                t.putArray("attributes");
            });
            ObjectNode n = JSON.createObjectNode();
            n.set("result", result);
            return ok(n);
        }

        private ResponseDefinition leads(Request req) {
            if (!"id".equals(q(req, "filterType"))) {
                return error("1003", "Invalid filterType");
            }
            List<Long> ids = Arrays.stream(q(req, "filterValues").split(",")).map(Long::parseLong).toList();
            if (ids.size() > 300) {
                return error("1003", "Too many filterValues (max 300)");
            }
            String fields = q(req, "fields");
            List<String> ask = fields == null ? List.of("email", "firstName", "lastName", "updatedAt", "createdAt")
                    : List.of(fields.split(","));
            ArrayNode result = JSON.createArrayNode();
            for (long id : ids) {
                Lead l = leads.get(id);
                if (l == null) {
                    continue;
                }
                Map<String, Object> v = new LinkedHashMap<>(l.fields());
                v.put("updatedAt", l.updatedAt().toString());
                ObjectNode n = result.addObject();
                n.put("id", l.id());
                for (String f : ask) {
                    n.putPOJO(f, v.get(f));
                }
            }
            ObjectNode n = JSON.createObjectNode();
            n.set("result", result);
            return ok(n);
        }
    }

    private static String token(int pos) {
        return Base64.getEncoder().encodeToString(Integer.toString(pos).getBytes(StandardCharsets.UTF_8));
    }

    private static String q(Request req, String name) {
        var p = req.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    private final AtomicInteger requests = new AtomicInteger();

    private ResponseDefinition ok(ObjectNode body) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestId", Integer.toHexString(requests.incrementAndGet()) + "#18e1a2b3c4d");
        n.put("success", true);
        n.setAll(body);
        return json(200, n.toString());
    }

    private ResponseDefinition error(String code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("requestId", Integer.toHexString(requests.incrementAndGet()) + "#18e1a2b3c4d");
        n.put("success", false);
        n.putArray("errors").addObject().put("code", code).put("message", message);
        return json(200, n.toString());
    }

    static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
