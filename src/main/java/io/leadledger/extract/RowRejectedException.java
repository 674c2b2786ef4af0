package io.leadledger.extract;

/** A row that cannot be loaded: names the column (as in the file), the value and why. */
public class RowRejectedException extends RuntimeException {
    private final String field;
    private final String rawValue;

    public RowRejectedException(String field, String rawValue, String reason) {
        super(reason);
        this.field = field;
        this.rawValue = rawValue;
    }

    public String field() {
        return field;
    }

    public String rawValue() {
        return rawValue;
    }
}
