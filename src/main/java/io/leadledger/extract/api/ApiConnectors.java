package io.leadledger.extract.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.leadledger.LeadledgerProperties;
import io.leadledger.jobs.ApiSettings;
import io.leadledger.jobs.SourceDefinition;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds the connector of an API source: its vendor's class, its token from the environment, the HTTP settings. */
@Component
public class ApiConnectors {

    /** Fields every record has, not properties to ask the API for. */
    private static final List<String> RECORD_FIELDS = List.of("id", "archived", "modified", "contactIds", "companyDomain");

    private final Environment environment;
    private final LeadledgerProperties.Api settings;
    private final Map<String, RateLimiter> marketoLimits = new ConcurrentHashMap<>();

    public ApiConnectors(Environment environment, LeadledgerProperties properties) {
        this.environment = environment;
        this.settings = properties.api();
    }

    public ApiConnector connector(SourceDefinition source) {
        ApiSettings api = source.api();
        ApiHttp http = new ApiHttp(source.name(), auth(api), settings.timeout(), settings.firstBackoff(),
                settings.attempts());
        // the API's names of the mapped fields: the properties to ask for
        List<String> properties = source.mapping().columnsOrEmpty().values().stream()
                .flatMap(c -> Arrays.stream(c.split("\\s*\\|\\s*")))
                .filter(c -> !RECORD_FIELDS.contains(c))
                .distinct().toList();
        return switch (api.vendor()) {
            case "hubspot" -> new HubSpotConnector(http, api.baseUrl(), api.object(), properties, vendorLimits());
            case "pipedrive" -> new PipedriveConnector(http, api.baseUrl(), api.object(), properties);
            case "salesforce" -> new SalesforceConnector(http, api.baseUrl(), api.object(), properties);
            case "marketo" -> new MarketoConnector(http, api.baseUrl(), api.object(), properties,
                    marketoLimit(api.baseUrl()), api.activityTypeIds() == null ? MarketoConnector.DEFAULT_TOUCH_TYPES
                    : api.activityTypeIds(), settings.attempts(), settings.firstBackoff(), Duration.ofSeconds(20),
                    Math.max(1, (settings.marketoIdGap() + MarketoConnector.PAGE - 1) / MarketoConnector.PAGE));
            default -> throw new IllegalArgumentException("no connector for " + api.vendor());
        };
    }

    /**
     * {@code leadledger.api.vendor-rate-limits} (default true): false drops the client-side rate limiters sized to
     * the vendors' documented limits, for a local stub only ({@code bench api} measures Leadledger, not the
     * vendor's limit). Read when a connector is built.
     */
    private boolean vendorLimits() {
        return environment.getProperty("leadledger.api.vendor-rate-limits", Boolean.class, true);
    }

    /** The vendor's credential, its secrets read from the environment now (a missing one fails the partition). */
    private ApiAuth auth(ApiSettings api) {
        return switch (api.vendor()) {
            // HubSpot's private-app token is a bearer token; Pipedrive's API token goes in its own header
            case "hubspot" -> ApiAuth.fixed("Authorization", "Bearer ", token(api.tokenEnv()));
            case "pipedrive" -> ApiAuth.fixed("x-api-token", "", token(api.tokenEnv()));
            // a connected app's client credentials, exchanged for an access token renewed when it expires
            case "salesforce" -> new SalesforceAuth(api.baseUrl(), token(api.clientIdEnv()), token(api.clientSecretEnv()),
                    settings.timeout());
            // a LaunchPoint service's client credentials, exchanged at the instance's identity endpoint
            case "marketo" -> new MarketoAuth(api.baseUrl(), token(api.clientIdEnv()), token(api.clientSecretEnv()),
                    plain -> new ApiHttp(api.location() + " identity", plain, settings.timeout(), settings.firstBackoff(),
                            settings.attempts()));
            default -> throw new IllegalArgumentException("no credential for " + api.vendor());
        };
    }

    /**
     * Marketo's 100 calls per 20 s are the instance's, whichever source (leads, activities) makes them: one limiter
     * per instance address, kept for the life of the application.
     */
    private RateLimiter marketoLimit(String baseUrl) {
        return marketoLimits.computeIfAbsent(baseUrl, u -> RateLimiter.of("marketo", RateLimiterConfig.custom()
                .limitForPeriod(100).limitRefreshPeriod(Duration.ofSeconds(20)).timeoutDuration(Duration.ofMinutes(10))
                .build()));
    }

    private ApiToken token(String env) {
        return ApiToken.fromEnvironment(env, environment::getProperty);
    }
}
