package io.leadledger.sync;

import io.leadledger.extract.ParsedRow;
import io.leadledger.extract.RawRecord;
import io.leadledger.extract.RowParser;
import io.leadledger.extract.RowRejectedException;
import org.springframework.batch.item.ItemProcessor;

import java.util.HashSet;
import java.util.Set;

/** Parses each row; a bad row becomes a quarantine entry, a repeated natural key a duplicate. Never filters. */
class RowProcessor implements ItemProcessor<RawRecord, ParsedRow> {

    private final RowParser parser;
    private final Set<String> seen = new HashSet<>();

    RowProcessor(RowParser parser) {
        this.parser = parser;
    }

    @Override
    public ParsedRow process(RawRecord raw) {
        ParsedRow row;
        try {
            row = parser.parse(raw);
        } catch (RowRejectedException e) {
            return ParsedRow.rejected(raw, e);
        }
        return seen.add(row.naturalKey()) ? row : ParsedRow.duplicate(raw, row.naturalKey());
    }
}
