package io.leadledger.extract;

import java.util.List;

/** Turns a raw row into a domain value for one source kind. */
public interface RowParser {

    /** The logical fields a file must have a column (or constant) for. */
    List<String> requiredFields();

    /** @throws RowRejectedException when the row cannot be loaded */
    ParsedRow parse(RawRecord raw);
}
