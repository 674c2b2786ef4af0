package io.leadledger.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

public final class SpendParser implements RowParser {
    private final FieldReader f;

    public SpendParser(FieldReader f) {
        this.f = f;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("date", "amount", "channel");
    }

    @Override
    public ParsedRow parse(RawRecord r) {
        var date = f.date(r, "date", true);
        String channel = f.fits(f.required(r, "channel"), "channel", 200);
        String campaign = f.text(r, "campaign", 300);
        String currency = f.currency(r, "currency");
        // spend rows have no id: the natural key is what the row is about
        String key = date + "|" + channel + "|" + (campaign == null ? "" : campaign) + "|" + currency;
        Spend s = new Spend(sha1(key), date, channel, campaign, f.amount(r, "amount", true, true), currency,
                f.monthOnly(r, "date"));
        return ParsedRow.ok(r, s, s.recordId());
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
