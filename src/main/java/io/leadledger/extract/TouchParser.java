package io.leadledger.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A touches row: when, who (e-mail or person id, at least one), channel, campaign, type. */
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
        String person = f.text(r, "personId", 128);
        if (email == null && person == null) {
            throw new RowRejectedException(f.label("email") + " / " + f.label("personId"), null,
                    "a touch needs the person's e-mail or record id; both are empty");
        }
        String campaign = f.text(r, "campaign", 300);
        String type = f.text(r, "type", 100);
        String id = f.text(r, "id", 128);
        if (id == null) {
            // no id of its own: what the row is about (a re-delivered row replaces itself, never duplicates)
            id = sha1((person == null ? "" : person) + "|" + (email == null ? "" : email) + "|" + at + "|"
                    + (campaign == null ? "" : campaign) + "|" + (type == null ? "" : type));
        }
        CampaignTouch t = new CampaignTouch(id, emailText, email, person, at, f.text(r, "source", 200),
                f.text(r, "sourceDetail", 200), campaign, type, f.flag(r, "deleted"));
        return ParsedRow.ok(r, t, id);
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
