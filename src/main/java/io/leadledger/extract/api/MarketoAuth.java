package io.leadledger.extract.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Marketo's access token for a LaunchPoint custom service: {@code GET {baseUrl}/identity/oauth/token
 * ?grant_type=client_credentials&client_id=..&client_secret=..} answers {@code {"access_token", "token_type":
 * "bearer", "expires_in": seconds, "scope"}}. The token goes out as {@code Authorization: Bearer}; it is fetched
 * on first use, again when its expires_in has run out, and again when Marketo refuses it (601/602), which
 * {@link #renew()} does. The identity call carries the client secret in its query string, as Marketo documents
 * it: ApiHttp cuts the query string off every message it makes, and {@link #secrets()} names the client id,
 * secret and current token so that nothing that is left repeats one.
 */
final class MarketoAuth implements ApiAuth {

    /** A token is renewed this long before Marketo says it expires, not to send one that dies in flight. */
    private static final long MARGIN_NANOS = Duration.ofSeconds(30).toNanos();

    private final ApiHttp identity;
    private final String url;
    private final ApiToken clientId;
    private final ApiToken clientSecret;
    private final RateLimiter limit;
    private String token;
    private long expiresAt;

    /**
     * @param identityHttp builds the HTTP client of the identity calls from this credential's plain ("no token yet")
     *                     form: a call for a token carries no token
     */
    MarketoAuth(String baseUrl, ApiToken clientId, ApiToken clientSecret, Function<ApiAuth, ApiHttp> identityHttp) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        try {
            // checked without the query: an address URI refuses would be repeated whole in the error, secret and all
            URI.create(baseUrl + "/identity/oauth/token");
        } catch (IllegalArgumentException e) {
            throw new ApiException("api.baseUrl: '" + baseUrl + "' is not a valid address", false);
        }
        this.url = baseUrl + "/identity/oauth/token?grant_type=client_credentials&client_id="
                + URLEncoder.encode(clientId.value(), StandardCharsets.UTF_8) + "&client_secret="
                + URLEncoder.encode(clientSecret.value(), StandardCharsets.UTF_8);
        this.limit = RateLimiter.of("marketo-identity", RateLimiterConfig.custom().limitForPeriod(10)
                .limitRefreshPeriod(Duration.ofSeconds(20)).timeoutDuration(Duration.ofMinutes(5)).build());
        this.identity = identityHttp.apply(new Unsigned());
    }

    @Override
    public String header() {
        return "Authorization";
    }

    @Override
    public synchronized String value() {
        if (token == null || System.nanoTime() - expiresAt > 0) {
            fetch();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean renew() {
        fetch();
        return true;
    }

    @Override
    public synchronized List<String> secrets() {
        List<String> s = new ArrayList<>(List.of(clientSecret.value(), clientId.value()));
        if (token != null) {
            s.add(token);
        }
        return s;
    }

    /** Calls made for tokens (retries included). */
    long calls() {
        return identity.calls();
    }

    private void fetch() {
        JsonNode res;
        try {
            res = identity.get(url, limit);
        } catch (ApiException e) {
            // ApiHttp's message names the path only (the query string holds the secret) and says a "token" was
            // refused where it is the client's id and secret
            String where = url.replaceFirst("\\?.*", "");
            if (e.getMessage().contains("HTTP 401")) {
                throw new ApiException("marketo identity (" + where + "): HTTP 401, the client id and secret were "
                        + "refused; check the LaunchPoint service's credentials (Admin > LaunchPoint > View Details) "
                        + "in the variables clientIdEnv and clientSecretEnv name", false, -1, e);
            }
            throw new ApiException("marketo identity: no access token (" + e.getMessage() + ")", e.retryable(), -1, e);
        }
        String t = res.path("access_token").asText("");
        if (t.isEmpty()) {
            // an identity answer without a token: what it says instead, never the request (it holds the secret)
            throw new ApiException("marketo identity: no access_token in the answer ("
                    + identity.hideSecrets(res.path("error_description").asText(res.path("error").asText("no reason given")))
                    + "); check the LaunchPoint service's client id and secret", false);
        }
        token = t;
        long seconds = res.path("expires_in").asLong(3600);
        expiresAt = System.nanoTime() + Math.max(0, Duration.ofSeconds(seconds).toNanos() - MARGIN_NANOS);
    }

    @Override
    public String toString() {
        return "MarketoAuth[hidden]";
    }

    /** The identity calls' own credential: none, only an agent name; its secrets are the client's. */
    private final class Unsigned implements ApiAuth {
        @Override
        public String header() {
            return "User-Agent";
        }

        @Override
        public String value() {
            return "leadledger";
        }

        @Override
        public List<String> secrets() {
            return List.of(clientSecret.value(), clientId.value());
        }
    }
}
