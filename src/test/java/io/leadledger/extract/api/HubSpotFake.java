package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A HubSpot account over real HTTP (WireMock with a transformer that answers from records held in memory), in
 * the shapes of HubSpot's public CRM v3 reference:
 * <ul>
 * <li>{@code GET /crm/v3/objects/{object}?limit&after&properties&archived[&associations=contacts]} ->
 * {@code {"results":[{"id","properties":{...},"createdAt","updatedAt","archived"[,"archivedAt"][,"associations":
 * {"contacts":{"results":[{"id","type"}]}}]}],"paging":{"next":{"after","link"}}}} ("List" in the Objects API);</li>
 * <li>{@code POST /crm/v3/objects/{object}/search} with {@code filterGroups/filters (GTE, LT, EQ, GT), sorts,
 * properties, limit, after} -> {@code {"total","results":[...],"paging":{"next":{"after"}}}}; an {@code after}
 * past 10,000 results is a 400 ("Search" guide: "the search endpoints are limited to 10,000 total results");</li>
 * <li>{@code POST /crm/v4/associations/deals/contacts/batch/read} -> {@code {"status","results":[{"from":{"id"},
 * "to":[{"toObjectId","associationTypes":[...]}]}]}} (Associations v4, batch read);</li>
 * <li>{@code associations=contacts,companies} on a deals list adds {@code "companies":{"results":[{"id","type":
 * "deal_to_company"}]}}; {@code POST /crm/v4/associations/deals/companies/batch/read} as for contacts;
 * {@code POST /crm/v3/objects/companies/batch/read} -> {@code {"status","results":[{"id","properties":{"domain"}}]}},
 * at most 100 inputs (CRM Objects API, "Read a batch of companies");</li>
 * <li>429 {@code {"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT"}}
 * with Retry-After, as the rate-limit guide shows.</li>
 * </ul>
 * Faults to inject are queued per call: {@link #failNext}.
 */
public final class HubSpotFake implements AutoCloseable {

    public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Rec(String object, long id, Map<String, String> props, Instant modified, boolean archived, List<Long> contacts) {
    }

    public final List<Rec> records = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public int cap = 10_000;
    /** A deal's associated company (deal id -> company id); the companies are records of object "companies". */
    public final Map<Long, Long> dealCompany = new java.util.concurrent.ConcurrentHashMap<>();
    /** The number of ids of each companies batch read. */
    public final List<Integer> companyReads = new CopyOnWriteArrayList<>();
    /** The list call's associations parameter, for node() (each request is answered on one thread). */
    private final ThreadLocal<String> associationsAsked = ThreadLocal.withInitial(() -> "");
    private final WireMockServer server;

    public HubSpotFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new Answer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("hubspot")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /**
     * Queues a fault for the next call: "429", "500", "truncated", "slow", or "skip" (a list call answers with the
     * page after the one asked for, its cursor going on from there: a page lost on the way, which no error shows).
     */
    public void failNext(String fault) {
        faults.add(fault);
    }

    public void add(String object, long id, Instant modified, Map<String, String> props) {
        add(new Rec(object, id, props, modified, false, List.of()));
    }

    public void add(Rec r) {
        records.removeIf(x -> x.object().equals(r.object()) && x.id() == r.id());
        records.add(r);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Answer implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return "hubspot";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var req = event.getRequest();
            calls.add(req.getMethod() + " " + req.getUrl());
            if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
                return json(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                        + "\"category\":\"INVALID_AUTHENTICATION\"}");
            }
            String fault = faults.poll();
            if ("429".equals(fault)) {
                return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(429)
                        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "1")
                        .withBody("{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\","
                                + "\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"}").build();
            }
            if ("500".equals(fault)) {
                return json(502, "{\"status\":\"error\",\"message\":\"Bad gateway\"}");
            }
            try {
                String path = req.getUrl().replaceFirst("\\?.*", "");
                String body;
                if (path.startsWith("/crm/v4/associations/deals/contacts/batch/read")) {
                    body = associations(JSON.readTree(req.getBodyAsString()));
                } else if (path.startsWith("/crm/v4/associations/deals/companies/batch/read")) {
                    body = companyAssociations(JSON.readTree(req.getBodyAsString()));
                } else if (path.startsWith("/crm/v3/objects/companies/batch/read")) {
                    JsonNode q = JSON.readTree(req.getBodyAsString());
                    if (q.path("inputs").size() > 100) {
                        return json(400, "{\"status\":\"error\",\"message\":\"Batch input limit is 100\","
                                + "\"category\":\"VALIDATION_ERROR\"}");
                    }
                    body = companies(q);
                } else if (path.endsWith("/search")) {
                    String object = path.split("/")[4];
                    JsonNode q = JSON.readTree(req.getBodyAsString());
                    int after = q.path("after").isMissingNode() ? 0 : Integer.parseInt(q.path("after").asText());
                    if (after + q.path("limit").asInt(10) > cap) {
                        return json(400, "{\"status\":\"error\",\"message\":\"There was a problem with the request.\","
                                + "\"category\":\"VALIDATION_ERROR\"}");
                    }
                    body = search(object, q, after);
                } else {
                    String object = path.split("/")[4];
                    int limit = Integer.parseInt(req.queryParameter("limit").firstValue());
                    int after = req.queryParameter("after").isPresent() ? Integer.parseInt(req.queryParameter("after").firstValue()) : 0;
                    associationsAsked.set(req.queryParameter("associations").isPresent()
                            ? req.queryParameter("associations").firstValue() : "");
                    body = list(object, req.queryParameter("archived").isPresent()
                                    && "true".equals(req.queryParameter("archived").firstValue()),
                            "skip".equals(fault) ? after + limit : after, limit,
                            List.of(req.queryParameter("properties").firstValue().split(",")),
                            req.queryParameter("associations").isPresent());
                }
                if ("truncated".equals(fault)) {
                    body = body.substring(0, body.length() / 2);
                }
                var r = new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(body);
                if ("slow".equals(fault)) {
                    r.withFixedDelay(3_000);
                }
                return r.build();
            } catch (Exception e) {
                return json(500, "{\"message\":\"fake: " + e + "\"}");
            }
        }
    }

    private String list(String object, boolean archived, int after, int limit, List<String> props, boolean assoc) {
        List<Rec> all = records.stream().filter(r -> r.object().equals(object) && r.archived() == archived)
                .sorted(Comparator.comparingLong(Rec::id)).toList();
        ObjectNode res = JSON.createObjectNode();
        ArrayNode results = res.putArray("results");
        for (int i = after; i < Math.min(all.size(), after + limit); i++) {
            results.add(node(all.get(i), props, assoc));
        }
        if (after + limit < all.size()) {
            res.putObject("paging").putObject("next").put("after", Integer.toString(after + limit))
                    .put("link", "?after=" + (after + limit));
        }
        return res.toString();
    }

    private String search(String object, JsonNode q, int after) {
        String mod = object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
        Predicate<Rec> match = r -> r.object().equals(object) && !r.archived();
        for (JsonNode f : q.path("filterGroups").get(0).path("filters")) {
            String p = f.path("propertyName").asText();
            String op = f.path("operator").asText();
            if (op.equals("HAS_PROPERTY")) {
                continue; // asked of hs_object_id, which every record has
            }
            long v = Long.parseLong(f.path("value").asText());
            java.util.function.ToLongFunction<Rec> val = p.equals(mod) ? r -> r.modified().toEpochMilli()
                    : p.equals("createdate") ? r -> Instant.parse(r.props().getOrDefault("createdate", r.modified().toString())).toEpochMilli()
                    : r -> r.id();
            match = match.and(r -> switch (op) {
                case "GTE" -> val.applyAsLong(r) >= v;
                case "GT" -> val.applyAsLong(r) > v;
                case "LT" -> val.applyAsLong(r) < v;
                case "EQ" -> val.applyAsLong(r) == v;
                default -> throw new IllegalArgumentException(op);
            });
        }
        // no sorts: HubSpot's default order (by id here)
        String sortBy = q.path("sorts").isEmpty() ? "hs_object_id" : q.path("sorts").get(0).path("propertyName").asText();
        // HubSpot orders equal sort values in no documented order: here by id descending, the unkind case
        Comparator<Rec> order = sortBy.equals(mod)
                ? Comparator.comparing(Rec::modified).thenComparing(Comparator.comparingLong(Rec::id).reversed())
                : Comparator.comparingLong(Rec::id);
        List<Rec> hits = records.stream().filter(match).sorted(order).toList();
        int limit = q.path("limit").asInt(10);
        List<String> props = new ArrayList<>();
        q.path("properties").forEach(p -> props.add(p.asText()));
        ObjectNode res = JSON.createObjectNode();
        res.put("total", hits.size());
        ArrayNode results = res.putArray("results");
        for (int i = after; i < Math.min(hits.size(), after + limit); i++) {
            results.add(node(hits.get(i), props, false));
        }
        if (after + limit < hits.size()) {
            res.putObject("paging").putObject("next").put("after", Integer.toString(after + limit));
        }
        return res.toString();
    }

    private String associations(JsonNode q) {
        ObjectNode res = JSON.createObjectNode();
        res.put("status", "COMPLETE");
        ArrayNode results = res.putArray("results");
        for (JsonNode in : q.path("inputs")) {
            long id = Long.parseLong(in.path("id").asText());
            records.stream().filter(r -> r.object().equals("deals") && r.id() == id).findFirst().ifPresent(r -> {
                ObjectNode o = results.addObject();
                o.putObject("from").put("id", Long.toString(id));
                ArrayNode to = o.putArray("to");
                for (long c : r.contacts()) {
                    ObjectNode t = to.addObject();
                    t.put("toObjectId", c);
                    t.putArray("associationTypes").addObject().put("category", "HUBSPOT_DEFINED").put("typeId", 3)
                            .put("label", (String) null);
                }
            });
        }
        return res.toString();
    }

    /** Associations v4 batch read, deals to companies: the same shape as to contacts (typeId 5, deal_to_company). */
    private String companyAssociations(JsonNode q) {
        ObjectNode res = JSON.createObjectNode();
        res.put("status", "COMPLETE");
        ArrayNode results = res.putArray("results");
        for (JsonNode in : q.path("inputs")) {
            Long company = dealCompany.get(Long.parseLong(in.path("id").asText()));
            if (company != null) {
                ObjectNode o = results.addObject();
                o.putObject("from").put("id", in.path("id").asText());
                ObjectNode t = o.putArray("to").addObject();
                t.put("toObjectId", company);
                t.putArray("associationTypes").addObject().put("category", "HUBSPOT_DEFINED").put("typeId", 5)
                        .put("label", "Primary");
            }
        }
        return res.toString();
    }

    /**
     * {@code POST /crm/v3/objects/companies/batch/read} ({@code {"properties":[...],"inputs":[{"id"}]}}, at most
     * 100 inputs) -> {@code {"status":"COMPLETE","results":[{"id","properties":{...},"createdAt","updatedAt",
     * "archived"}]}}: ids not found are left out.
     */
    private String companies(JsonNode q) {
        ObjectNode res = JSON.createObjectNode();
        res.put("status", "COMPLETE");
        ArrayNode results = res.putArray("results");
        List<String> props = new ArrayList<>();
        q.path("properties").forEach(p -> props.add(p.asText()));
        for (JsonNode in : q.path("inputs")) {
            long id = Long.parseLong(in.path("id").asText());
            records.stream().filter(r -> r.object().equals("companies") && r.id() == id && !r.archived()).findFirst()
                    .ifPresent(r -> results.add(node(r, props, false)));
        }
        companyReads.add(q.path("inputs").size());
        return res.toString();
    }

    private ObjectNode node(Rec r, List<String> props, boolean assoc) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", Long.toString(r.id()));
        ObjectNode p = n.putObject("properties");
        Map<String, String> all = new TreeMap<>(r.props());
        all.put("hs_object_id", Long.toString(r.id()));
        all.put(r.object().equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate", r.modified().toString());
        for (String name : props) {
            p.put(name, all.get(name));
        }
        n.put("createdAt", all.getOrDefault("createdate", r.modified().toString()));
        n.put("updatedAt", r.modified().toString());
        n.put("archived", r.archived());
        if (r.archived()) {
            n.put("archivedAt", r.modified().toString());
        }
        if (assoc && !r.contacts().isEmpty()) {
            ArrayNode a = n.with("associations").putObject("contacts").putArray("results");
            for (long c : r.contacts()) {
                a.addObject().put("id", Long.toString(c)).put("type", "deal_to_contact");
            }
        }
        if (assoc && associationsAsked.get().contains("companies") && dealCompany.containsKey(r.id())) {
            n.with("associations").putObject("companies").putArray("results").addObject()
                    .put("id", Long.toString(dealCompany.get(r.id()))).put("type", "deal_to_company");
        }
        return n;
    }

    static ResponseDefinition json(int status, String body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
