package io.leadledger.extract.api;

import java.time.Instant;
import java.util.Map;

/** One record as an API returned it: its id, when it was last modified, and its fields by the API's names. */
public record ApiRecord(String id, Instant modified, Map<String, String> fields) {
}
