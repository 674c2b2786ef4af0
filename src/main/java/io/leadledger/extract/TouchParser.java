package io.leadledger.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A touches row (the touches contract, issue 12): when ({@code at}, required), who ({@code email} or
 * {@code personId}, at least one), and optionally its own {@code id}, {@code source}, {@code sourceDetail},
 * {@code campaign}, {@code type}, {@code deleted}. Every refusal names the file's own column.
 */
public final class TouchParser implements RowParser {
    private final FieldReader f;

    public TouchParser(FieldReader f) {
        this.f = f;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("at");
    }

    @Override
    public ParsedRow parse(RawRecord r) {
        var at = f.dateTime(r, "at", true);
        String emailText = f.emailText(r, "email", 320);
        String email = f.email(r, "email");
        String person = idOrNull(r, "personId");
        if (email == null && person == null) {
            throw new RowRejectedException(f.label("email") + " / " + f.label("personId"), null,
                    "a touch needs the person's e-mail or record id; both are empty");
        }
        String campaign = f.text(r, "campaign", 300);
        String type = f.text(r, "type", 100);
        String id = idOrNull(r, "id");
        if (id == null) {
            // no id of its own: what the row is about, so a file delivered again replaces its rows, never doubles them
            // (and two identical rows in one file are one touch, counted as a duplicate)
            id = sha1((person == null ? "" : person) + "|" + (email == null ? "" : email) + "|" + at + "|"
                    + (campaign == null ? "" : campaign) + "|" + (type == null ? "" : type));
        }
        CampaignTouch t = new CampaignTouch(id, emailText, email, person, at, f.text(r, "source", 200),
                f.text(r, "sourceDetail", 200), campaign, type, f.flag(r, "deleted"));
        return ParsedRow.ok(r, t, id);
    }

    /** An optional id: at most 128 characters (the staging column) and no control characters; never cut. */
    private String idOrNull(RawRecord r, String field) {
        return f.text(r, field) == null ? null : f.id(r, field, 128);
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
