package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Pipedrive company over real HTTP, in the shapes of Pipedrive's API v2 reference: {@code GET /api/v2/persons}
 * and {@code /api/v2/deals} with {@code limit} (at most 500), {@code cursor}, {@code updated_since},
 * {@code updated_until} and, for deals, {@code status=deleted} -> {@code {"success":true,"data":[...],
 * "additional_data":{"next_cursor":"..."}}}; a person has {@code emails:[{"value","primary","label"}]}; times are
 * RFC 3339 in UTC; the token goes in {@code x-api-token}; a 429 carries Retry-After. And API v1's
 * {@code GET /v1/deals/summary} -> {@code {"success":true,"data":{"values_total":{...},"total_count":N,...}}}.
 */
public final class PipedriveFake implements AutoCloseable {

    public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Rec(String object, long id, Instant updated, boolean deleted, Map<String, Object> fields) {
    }

    public final List<Rec> records = new CopyOnWriteArrayList<>();
    public final List<String> calls = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    private final WireMockServer server;

    public PipedriveFake() {
        server = new WireMockServer(options().dynamicPort().extensions(new Answer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers("pipedrive")));
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
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
            return "pipedrive";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var req = event.getRequest();
            calls.add(req.getMethod() + " " + req.getUrl());
            if (!TOKEN.equals(req.getHeader("x-api-token"))) {
                return json(401, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}");
            }
            String fault = faults.poll();
            if ("slow".equals(fault)) {
                try {
                    Thread.sleep(3_000); // longer than the client's timeout: it gives up and asks again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if ("429".equals(fault)) {
                return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":false,\"error\":\"Request over limit\",\"errorCode\":429}").build();
            }
            if (req.getUrl().startsWith("/v1/deals/summary")) {
                // API v1 "Get deals summary": data.total_count counts the deals not deleted (values per currency left out)
                long n = records.stream().filter(r -> r.object().equals("deals") && !r.deleted()).count();
                return json(200, "{\"success\":true,\"data\":{\"values_total\":{},\"weighted_values_total\":{},"
                        + "\"total_count\":" + n + "}}");
            }
            String object = req.getUrl().replaceFirst("\\?.*", "").replace("/api/v2/", "");
            int limit = Integer.parseInt(q(req, "limit", "100"));
            if (limit > 500) {
                return json(400, "{\"success\":false,\"error\":\"limit must be at most 500\"}");
            }
            int offset = q(req, "cursor", null) == null ? 0
                    : Integer.parseInt(new String(Base64.getDecoder().decode(q(req, "cursor", null)), StandardCharsets.UTF_8));
            Instant since = q(req, "updated_since", null) == null ? null : Instant.parse(q(req, "updated_since", null));
            Instant until = q(req, "updated_until", null) == null ? null : Instant.parse(q(req, "updated_until", null));
            boolean deleted = "deleted".equals(q(req, "status", null));
            List<Rec> hits = records.stream().filter(r -> r.object().equals(object) && r.deleted() == deleted)
                    .filter(r -> since == null || !r.updated().isBefore(since))
                    .filter(r -> until == null || r.updated().isBefore(until))
                    .sorted(Comparator.comparingLong(Rec::id)).toList();
            ObjectNode res = JSON.createObjectNode();
            res.put("success", true);
            ArrayNode data = res.putArray("data");
            for (int i = offset; i < Math.min(hits.size(), offset + limit); i++) {
                Rec r = hits.get(i);
                ObjectNode n = JSON.valueToTree(r.fields());
                n.put("id", r.id());
                n.put("update_time", r.updated().toString());
                if (object.equals("deals")) {
                    n.put("is_deleted", r.deleted());
                }
                data.add(n);
            }
            ObjectNode more = res.putObject("additional_data");
            if (offset + limit < hits.size()) {
                more.put("next_cursor", Base64.getEncoder().encodeToString(Integer.toString(offset + limit)
                        .getBytes(StandardCharsets.UTF_8)));
            } else {
                more.putNull("next_cursor");
            }
            String body = res.toString();
            // a body cut off on the way (a proxy dropping the connection): status 200, half the JSON
            return json(200, "truncated".equals(fault) ? body.substring(0, body.length() / 2) : body);
        }
    }

    private static String q(com.github.tomakehurst.wiremock.http.Request req, String name, String dflt) {
        var p = req.queryParameter(name);
        return p.isPresent() ? p.firstValue() : dflt;
    }

    static ResponseDefinition json(int status, String body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body).build();
    }
}
