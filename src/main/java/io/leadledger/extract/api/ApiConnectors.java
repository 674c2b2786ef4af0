package io.leadledger.extract.api;

import io.leadledger.LeadledgerProperties;
import io.leadledger.jobs.ApiSettings;
import io.leadledger.jobs.SourceDefinition;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/** Builds the connector of an API source: its vendor's class, its token from the environment, the HTTP settings. */
@Component
public class ApiConnectors {

    /** Fields every record has, not properties to ask the API for. */
    private static final List<String> RECORD_FIELDS = List.of("id", "archived", "modified", "contactIds", "companyDomain");

    private final Environment environment;
    private final LeadledgerProperties.Api settings;

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
            default -> throw new IllegalArgumentException("no credential for " + api.vendor());
        };
    }

    private ApiToken token(String env) {
        return ApiToken.fromEnvironment(env, environment::getProperty);
    }
}
