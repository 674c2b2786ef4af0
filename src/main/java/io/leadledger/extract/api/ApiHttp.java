package io.leadledger.extract.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * JSON over HTTPS for the connectors: a bearer token, a rate limiter sized to the vendor's documented limit and
 * Resilience4j's retry (exponential backoff, or the server's Retry-After) for what is worth retrying: 429, 5xx, a
 * timeout, an answer cut off. Anything else fails at once with the status and the vendor's message.
 */
public final class ApiHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final ApiAuth auth;
    private final Duration timeout;
    private final Retry retry;
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param firstBackoff the wait before the first retry, doubled each time (capped at a minute)
     * @param attempts     tries per call, the first included
     */
    public ApiHttp(String name, ApiToken token, Duration timeout, Duration firstBackoff, int attempts) {
        this(name, ApiAuth.fixed("Authorization", "Bearer ", token), timeout, firstBackoff, attempts);
    }

    /** With the token in {@code authHeader}, after {@code authPrefix} ("Bearer " for OAuth-style tokens). */
    public ApiHttp(String name, ApiToken token, String authHeader, String authPrefix, Duration timeout,
                   Duration firstBackoff, int attempts) {
        this(name, ApiAuth.fixed(authHeader, authPrefix, token), timeout, firstBackoff, attempts);
    }

    /**
     * With any credential: a 401 makes ApiHttp {@link ApiAuth#renew() renew} it once and ask again, so an access
     * token that expires mid-run costs one call, not the run.
     */
    public ApiHttp(String name, ApiAuth auth, Duration timeout, Duration firstBackoff, int attempts) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.auth = auth;
        this.timeout = timeout;
        IntervalBiFunction<Object> wait = (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof ApiException e && e.retryAfterMillis() >= 0) {
                return e.retryAfterMillis();
            }
            return Math.min(60_000L, firstBackoff.toMillis() << Math.min(16, attempt - 1));
        };
        this.retry = Retry.of(name, RetryConfig.custom().maxAttempts(attempts).intervalBiFunction(wait)
                .retryOnException(e -> e instanceof ApiException a && a.retryable()).build());
    }

    public JsonNode get(String url, RateLimiter limiter) {
        return get(url, limiter, h -> { });
    }

    /**
     * A GET whose successful answer's headers go to {@code headers} first (Salesforce reports the org's API usage in
     * Sforce-Limit-Info on every answer).
     */
    public JsonNode get(String url, RateLimiter limiter, Consumer<HttpHeaders> headers) {
        return call(HttpRequest.newBuilder(URI.create(url)).GET(), limiter, url, headers);
    }

    public JsonNode post(String url, Object body, RateLimiter limiter) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return call(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), limiter, url, h -> { });
    }

    public long calls() {
        return calls.get();
    }

    /**
     * Renews the credential after a connector saw the server refuse it in a body that is otherwise a success
     * (Marketo answers an expired token with HTTP 200 and error 601 or 602); false when it cannot be renewed.
     */
    public boolean renewAuth() {
        return auth.renew();
    }

    /** The message with every secret of the credential replaced by [token]. */
    public String hideSecrets(String message) {
        String m = message;
        for (String secret : auth.secrets()) {
            if (secret != null && !secret.isEmpty()) {
                m = m.replace(secret, "[token]");
            }
        }
        return m;
    }

    private JsonNode call(HttpRequest.Builder request, RateLimiter limiter, String url, Consumer<HttpHeaders> headers) {
        HttpRequest unsigned = request.timeout(timeout).header("Accept", "application/json").build();
        String where = url.replaceFirst("\\?.*", "");
        boolean[] renewed = {false};
        return Retry.decorateSupplier(retry, () -> {
            // signed on each try: a renewed token must go out with the next one
            HttpRequest r = HttpRequest.newBuilder(unsigned, (n, v) -> true).header(auth.header(), auth.value()).build();
            RateLimiter.waitForPermission(limiter);
            calls.incrementAndGet();
            HttpResponse<String> res;
            try {
                res = client.send(r, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new ApiException(where + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), true, -1, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(where + ": interrupted", false, -1, e);
            }
            int status = res.statusCode();
            if (status == 429 || status >= 500) {
                throw new ApiException(where + ": HTTP " + status + vendorMessage(res.body()), true,
                        retryAfter(res), null);
            }
            if (status == 401 && !renewed[0] && auth.renew()) {
                renewed[0] = true;
                throw new ApiException(where + ": HTTP 401, the access token expired; renewed it", true, 0, null);
            }
            if (status == 401) {
                throw new ApiException(where + ": HTTP 401, the token was refused (expired, revoked or not this "
                        + "account's)", false);
            }
            if (status == 403 && res.body() != null && res.body().contains("REQUEST_LIMIT_EXCEEDED")) {
                // Salesforce: the org's request budget (daily, or concurrent long requests) is used up; retrying
                // only spends what is left of it
                throw new ApiException(where + ": HTTP 403, the API request limit is used up (REQUEST_LIMIT_EXCEEDED)"
                        + vendorMessage(res.body()) + "; not retried: run again when the budget is back", false);
            }
            if (status == 403) {
                throw new ApiException(where + ": HTTP 403, the token lacks a scope this call needs" + vendorMessage(res.body()), false);
            }
            if (status >= 300) {
                throw new ApiException(where + ": HTTP " + status + vendorMessage(res.body()), false);
            }
            headers.accept(res.headers());
            try {
                return JSON.readTree(res.body());
            } catch (JsonProcessingException e) {
                // a body cut off on the way: worth asking again
                throw new ApiException(where + ": the answer is not complete JSON (" + e.getOriginalMessage() + ")",
                        true, -1, e);
            }
        }).get();
    }

    /** Retry-After in seconds (the form these vendors send), as milliseconds; -1 when absent. */
    private static long retryAfter(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").map(v -> {
            try {
                return Math.min(300_000L, Math.round(Double.parseDouble(v.strip()) * 1000));
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    private String vendorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String m;
        try {
            JsonNode n = JSON.readTree(body);
            // Salesforce answers errors as a list: [{"message":..., "errorCode":...}]
            JsonNode e = n.isArray() && !n.isEmpty() ? n.get(0) : n;
            m = e.path("message").asText(body);
            if (e.hasNonNull("errorCode")) {
                m = m + " (" + e.get("errorCode").asText() + ")";
            }
        } catch (JsonProcessingException e) {
            m = body;
        }
        m = hideSecrets(m).replaceAll("\\s+", " ").strip();
        return ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m);
    }
}
