package io.leadledger.extract;

/**
 * What became of one row: a Lead/Deal/Spend to stage, or the reason it goes to quarantine.
 * At most one of {@code value} and {@code rejection} is set; neither means a duplicate of an earlier row.
 */
public record ParsedRow(RawRecord raw, Object value, String naturalKey, RowRejectedException rejection) {

    public static ParsedRow ok(RawRecord raw, Object value, String naturalKey) {
        return new ParsedRow(raw, value, naturalKey, null);
    }

    public static ParsedRow rejected(RawRecord raw, RowRejectedException e) {
        return new ParsedRow(raw, null, null, e);
    }

    public static ParsedRow duplicate(RawRecord raw, String naturalKey) {
        return new ParsedRow(raw, null, naturalKey, null);
    }

    public boolean isDuplicate() {
        return value == null && rejection == null;
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
