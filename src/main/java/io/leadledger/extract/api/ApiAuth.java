package io.leadledger.extract.api;

import java.util.List;

/**
 * How a connector's calls are authorised: one header, and for OAuth-style access tokens (Salesforce, Marketo) a way
 * to get a fresh token when the server says the current one expired. A static token (HubSpot's private-app token,
 * Pipedrive's API token) cannot be renewed.
 */
public interface ApiAuth {

    /** The header the credential goes in, e.g. Authorization. */
    String header();

    /** The header's value, e.g. "Bearer " + the token; fetches a token first when there is none yet. */
    String value();

    /**
     * Drops the current token and gets a new one, after the server refused it as expired (Salesforce's
     * INVALID_SESSION_ID, Marketo's 601/602); false when this credential cannot be renewed.
     */
    default boolean renew() {
        return false;
    }

    /** Every secret this credential holds, so that no message repeats one. */
    List<String> secrets();

    /** A fixed token in {@code header}, after {@code prefix} ("Bearer " for OAuth-style tokens). */
    static ApiAuth fixed(String header, String prefix, ApiToken token) {
        return new ApiAuth() {
            @Override
            public String header() {
                return header;
            }

            @Override
            public String value() {
                return prefix + token.value();
            }

            @Override
            public List<String> secrets() {
                return List.of(token.value());
            }

            @Override
            public String toString() {
                return "ApiAuth[" + header + ", hidden]";
            }
        };
    }
}
