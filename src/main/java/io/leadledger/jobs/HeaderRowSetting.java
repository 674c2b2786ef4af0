package io.leadledger.jobs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;

/** headerRow is a 1-based row number, or "auto" (stored as 0): vendors put a varying number of title lines on top. */
final class HeaderRowSetting extends JsonDeserializer<Integer> {
    static final int AUTO = 0;

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String v = p.getValueAsString();
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.trim().equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error
        }
        throw ctxt.weirdStringException(v, Integer.class, "headerRow must be a row number (1, 2, ...) or 'auto'");
    }
}
