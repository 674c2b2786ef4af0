package io.leadledger.extract.api;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads one object type of one tool's API, page by page: one implementation per vendor. The reader of the import
 * step saves {@link #pageState()} with each committed chunk, so a restarted run asks for the same page again and
 * skips the rows it had committed.
 */
public interface ApiConnector {

    /** The field names of every record, in order: the "header" a mapping profile's columns name. */
    List<String> fields();

    /**
     * Begins reading the records changed in [{@code from}, {@code to}), or every record (archived ones included)
     * when {@code from} is null; {@code state} is a {@link #pageState()} saved before, to resume from, or null.
     */
    void start(Instant from, Instant to, String state);

    /** The next page, or null when there is none. */
    List<ApiRecord> nextPage();

    /** Where the page {@link #nextPage()} returned last was read from: starting from it reads that page again. */
    String pageState();

    /**
     * How many records of the object the API says exist now (archived/deleted ones excluded), for the count audit
     * beside what the warehouse holds; empty where the API gives no such figure. Costs a call or two.
     */
    default OptionalLong total() {
        return OptionalLong.empty();
    }

    /** HTTP calls made so far (retries included). */
    long calls();
}
