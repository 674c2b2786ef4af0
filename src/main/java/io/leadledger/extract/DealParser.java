package io.leadledger.extract;

import java.util.List;

public final class DealParser implements RowParser {
    private final FieldReader f;

    public DealParser(FieldReader f) {
        this.f = f;
    }

    /** CRMs export several associated ids in one cell ("51123;51124"): the first is the lead reference. */
    static String firstRef(String v) {
        if (v == null) {
            return null;
        }
        String first = v.split("[;,]", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }

    @Override
    public List<String> requiredFields() {
        return List.of("id", "amount", "closeDate");
    }

    @Override
    public ParsedRow parse(RawRecord r) {
        String id = f.id(r, "id", 128);
        String stage = f.text(r, "stage", 100);
        boolean wonByStage = FieldReader.in(f.mapping().wonStages(), stage);
        boolean lostByStage = FieldReader.in(f.mapping().lostStages(), stage);
        boolean won = f.maps("won") ? f.flag(r, "won") : wonByStage;
        boolean closed = f.maps("closed") ? f.flag(r, "closed") || won : won || lostByStage;
        String email = f.emailText(r, "email", 320);
        String emailNorm;
        try {
            emailNorm = f.email(r, "email");
        } catch (RowRejectedException e) {
            emailNorm = null; // a deal with a malformed contact e-mail still counts as revenue; it just won't match by e-mail
        }
        Deal deal = new Deal(id, f.text(r, "name", 300), f.text(r, "account", 300),
                email, emailNorm, f.fits(firstRef(f.text(r, "leadRef")), "leadRef", 128),
                stage, closed, won, f.amount(r, "amount", true, false), f.currency(r, "currency"),
                f.dateTime(r, "createdAt", false), f.date(r, "closeDate", true), f.text(r, "owner", 200),
                f.text(r, "lossReason", 200), f.text(r, "leadSource", 200),
                f.flag(r, "deleted"), DomainText.domain(f.text(r, "accountDomain")));
        return ParsedRow.ok(r, deal, id);
    }
}
