package io.leadledger.extract.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Salesforce's OAuth 2.0 client credentials flow: {@code POST {baseUrl}/services/oauth2/token} with the form
 * {@code grant_type=client_credentials&client_id&client_secret}, answered with {@code {"access_token",
 * "instance_url","token_type":"Bearer",...}}. The access token is fetched on first use and again when the API says
 * it expired (401 INVALID_SESSION_ID: {@link ApiHttp} then calls {@link #renew()} and asks once more). The token
 * call runs inside the API call's retry, so a 5xx of the token endpoint is tried again like any other.
 */
final class SalesforceAuth implements ApiAuth {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenUrl;
    private final ApiToken clientId;
    private final ApiToken clientSecret;
    private final Duration timeout;
    private final HttpClient client;
    private volatile String token;

    SalesforceAuth(String baseUrl, ApiToken clientId, ApiToken clientSecret, Duration timeout) {
        this.tokenUrl = baseUrl + "/services/oauth2/token";
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String header() {
        return "Authorization";
    }

    @Override
    public String value() {
        String t = token;
        if (t == null) {
            t = fetch();
        }
        return "Bearer " + t;
    }

    @Override
    public boolean renew() {
        token = null;
        fetch();
        return true;
    }

    @Override
    public List<String> secrets() {
        List<String> s = new ArrayList<>(List.of(clientId.value(), clientSecret.value()));
        String t = token;
        if (t != null) {
            s.add(t);
        }
        return s;
    }

    private synchronized String fetch() {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId.value()) + "&client_secret="
                + enc(clientSecret.value());
        HttpRequest r = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> res;
        try {
            res = client.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException("/services/oauth2/token: " + e.getClass().getSimpleName(), true, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("/services/oauth2/token: interrupted", false, -1, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body() == null || res.body().isBlank() ? "{}" : res.body());
        } catch (JsonProcessingException e) {
            body = JSON.createObjectNode();
        }
        int status = res.statusCode();
        if (status >= 500 || status == 429) {
            throw new ApiException("/services/oauth2/token: HTTP " + status, true);
        }
        String access = body.path("access_token").asText("");
        if (status != 200 || access.isEmpty()) {
            // {"error":"invalid_client","error_description":"invalid client credentials"}: the answer names no secret
            String why = body.path("error").asText("") + " " + body.path("error_description").asText("");
            throw new ApiException("/services/oauth2/token: HTTP " + status + ", no access token for the connected "
                    + "app's client id and secret (" + hide(why.strip()) + "): check the app's client credentials flow "
                    + "and its run-as user", false);
        }
        token = access;
        return access;
    }

    private String hide(String m) {
        String out = m;
        for (String s : List.of(clientId.value(), clientSecret.value())) {
            out = out.replace(s, "[token]");
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SalesforceAuth[hidden]";
    }
}
